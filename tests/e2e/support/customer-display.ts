// The customer display for every tender, for the specs that look at it (functional, layout, axe):
// the till's sales are made through the API (the cashier's screen is not what is under test), the
// display follows them over its own event stream like any customer display.
import { expect, type Browser, type Page } from '@playwright/test';
import { posCall, signInAsOwnerByApi } from './sign-in';
// Code passed to page.evaluate runs in the browser; the Node typings here have no DOM.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
type Element = any;

export const SHOP_NAME = 'ร้านกาแฟบ้านสวน';
/** A 10-digit mobile number as the shop's own PromptPay ID. */
export const SHOP_PROMPTPAY_ID = '0812345678';

export const CUSTOMER_DISPLAYS = [
  { width: 1920, height: 1080 },
  { width: 800, height: 1280 },
];

export interface SaleReply {
  id: string;
  qrData: string | null;
}

async function call<T>(page: Page, baseUrl: string, op: string, input: unknown): Promise<T> {
  const reply = await posCall<T>(page, baseUrl, op, input);
  if (!reply.ok) throw new Error(`${op} failed: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}

/** Signs the till page in as the owner, names the shop, sets its PromptPay ID and opens a shift (cash needs one). */
export async function prepareShop(page: Page, baseUrl: string): Promise<void> {
  await signInAsOwnerByApi(page, baseUrl);
  await call(page, baseUrl, 'settings.update', { shopName: SHOP_NAME, promptPayId: SHOP_PROMPTPAY_ID });
  const shift = await call<unknown>(page, baseUrl, 'shifts.current', {});
  if (!shift) await call(page, baseUrl, 'shifts.open', { float: 100_000 });
}

let requests = 0;
const requestId = (): string => `customer-e2e-${Date.now()}-${(requests += 1)}`;

export function cashSale(page: Page, baseUrl: string, amount: number, tendered: number): Promise<SaleReply> {
  return call<SaleReply>(page, baseUrl, 'sales.cash', { amount, tendered, requestId: requestId() });
}

/** PromptPay through Stripe (the embedded simulator in demo mode): awaiting payment with Stripe's QR. */
export function stripeSale(page: Page, baseUrl: string, amount: number): Promise<SaleReply> {
  return call<SaleReply>(page, baseUrl, 'sales.charge', { amount, requestId: requestId() });
}

export function cancelSale(page: Page, baseUrl: string, saleId: string): Promise<SaleReply> {
  return call<SaleReply>(page, baseUrl, 'sales.cancel', { saleId });
}

export function manualQrSale(page: Page, baseUrl: string, amount: number): Promise<SaleReply> {
  return call<SaleReply>(page, baseUrl, 'sales.manualQr', { amount, requestId: requestId() });
}

export function confirmManual(page: Page, baseUrl: string, saleId: string): Promise<SaleReply> {
  return call<SaleReply>(page, baseUrl, 'sales.confirmManual', { saleId });
}

/** A customer display in its own window (no session: the customer feed), showing the till's state. */
export async function openCustomerDisplay(browser: Browser, baseUrl: string, lang: 'th' | 'en', viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`${baseUrl}/customer/?lang=${lang}`);
  await expect(page.getByTestId('customer-status')).toHaveAttribute('data-status', /.+/);
  return page;
}

/**
 * What is wrong with the customer display as shown: anything cut off by the window (the display
 * never scrolls), or two pieces of text or pictures on top of each other.
 */
export async function customerLayoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const view = { w: window.innerWidth, h: window.innerHeight };
    const label = (el: Element): string => el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '').split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
    // What a customer reads or scans: text leaves, pictures, and anything with a test id.
    const pieces = [...document.querySelectorAll('main *')].filter((el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') return false;
      return el.tagName.toLowerCase() === 'svg' || el.hasAttribute('data-testid') || [...el.childNodes].some((node: any) => node.nodeType === 3 && node.textContent.trim() !== '');
    });
    for (const el of pieces) {
      const r = el.getBoundingClientRect();
      if (r.left < -0.5 || r.top < -0.5 || r.right > view.w + 0.5 || r.bottom > view.h + 0.5) {
        problems.push(`${label(el)}: not fully inside ${view.w}×${view.h} (${Math.round(r.left)},${Math.round(r.top)})–(${Math.round(r.right)},${Math.round(r.bottom)})`);
      }
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) problems.push(`${label(el)}: text wider than its box`);
    }
    for (let i = 0; i < pieces.length; i += 1) {
      for (let j = i + 1; j < pieces.length; j += 1) {
        const a = pieces[i]!;
        const b = pieces[j]!;
        if (a.contains(b) || b.contains(a)) continue;
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1) problems.push(`overlap: ${label(a)} and ${label(b)}`);
      }
    }
    return problems;
  });
}
