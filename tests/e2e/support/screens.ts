// Every screen of the till, reached the way a person would, for the checks that look at all of them
// (the layout audit, axe). Each `open` leaves the page showing that screen, settled.
import { expect, type Browser, type Page } from '@playwright/test';
import { OWNER, openSignedIn, posCall, signInAsOwnerByApi } from './sign-in';
import AxeBuilder from '@axe-core/playwright';
// Code passed to page.evaluate runs in the browser; the Node typings here have no DOM, so the few
// browser globals it uses are declared loosely for this file only.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare const getComputedStyle: any;
type Element = any;

export type Lang = 'th' | 'en';

export interface Screen {
  name: string;
  /** The buttons a person needs on that screen: fully inside the window without scrolling. */
  primary: string[];
  open(page: Page): Promise<void>;
}

async function saleInState(page: Page, baseUrl: string, lang: Lang, outcome: 'awaiting' | 'pay' | 'fail'): Promise<void> {
  await openSignedIn(page, baseUrl, `/cashier/?lang=${lang}`);
  for (const key of ['1', '2', '5', 'Enter']) await page.keyboard.press(key);
  const status = page.getByTestId('sale-status');
  await expect(status).toHaveAttribute('data-status', 'awaiting_payment');
  if (outcome === 'pay') await page.getByTestId('simulate-pay').click();
  if (outcome === 'fail') await page.getByTestId('simulate-fail').click();
  if (outcome !== 'awaiting') await expect(status).toHaveAttribute('data-status', outcome === 'pay' ? 'succeeded' : 'failed');
}

/** Rings up ฿125 on the keyboard (after leaving a paid sale on screen) and pays it on the demo simulator; returns the sale id. */
export async function paidSaleByKeyboard(page: Page): Promise<string> {
  const status = page.getByTestId('sale-status');
  const newSale = page.getByTestId('new-sale-button');
  if (await newSale.isVisible()) await newSale.click();
  await expect(page.getByTestId('keypad-clear')).toBeVisible();
  for (const key of ['1', '2', '5', 'Enter']) await page.keyboard.press(key);
  await expect(status).toHaveAttribute('data-status', 'awaiting_payment');
  await page.getByTestId('simulate-pay').click();
  await expect(status).toHaveAttribute('data-status', 'succeeded');
  return (await status.getAttribute('data-sale-id'))!;
}

/** A paid sale made through the API, for the detail screen. */
export async function paidSaleId(page: Page, baseUrl: string): Promise<string> {
  await signInAsOwnerByApi(page, baseUrl);
  const charged = await posCall<{ id: string }>(page, baseUrl, 'sales.charge', { amount: 30_000, description: 'Latte x2', requestId: `audit-${Date.now()}` });
  if (!charged.ok) throw new Error(`charge failed: ${JSON.stringify(charged.error)}`);
  await posCall(page, baseUrl, 'demo.simulate', { saleId: charged.value!.id, outcome: 'succeed' });
  return charged.value!.id;
}

async function manager(page: Page, baseUrl: string, lang: Lang, hash: string, ready: string): Promise<void> {
  await openSignedIn(page, baseUrl, `/cashier/?lang=${lang}${hash}`);
  await expect(page.getByTestId(ready)).toBeVisible();
}

/** The cashier's screens after setup (signed in as the owner). */
export function cashierScreens(baseUrl: string, lang: Lang, saleId: () => string): Screen[] {
  return [
    { name: 'cashier idle', primary: ['charge-button'], open: (page) => openSignedIn(page, baseUrl, `/cashier/?lang=${lang}`) },
    { name: 'cashier awaiting', primary: ['cancel-button'], open: (page) => saleInState(page, baseUrl, lang, 'awaiting') },
    { name: 'cashier paid', primary: ['new-sale-button'], open: (page) => saleInState(page, baseUrl, lang, 'pay') },
    { name: 'cashier failed', primary: ['new-qr-button'], open: (page) => saleInState(page, baseUrl, lang, 'fail') },
    { name: 'history', primary: ['history-search-button'], open: (page) => manager(page, baseUrl, lang, '#/history', 'history-view') },
    { name: 'sale detail', primary: ['refund-button'], open: (page) => manager(page, baseUrl, lang, `#/sale/${saleId()}`, 'sale-detail') },
    { name: 'report', primary: [], open: (page) => manager(page, baseUrl, lang, '#/report', 'report-view') },
    { name: 'week and month', primary: ['period-export', 'period-thisWeek'], open: (page) => manager(page, baseUrl, lang, '#/period', 'period-table') },
    { name: 'z reports', primary: ['z-close-day'], open: (page) => manager(page, baseUrl, lang, '#/zreports', 'zreports-view') },
    { name: 'exports', primary: ['export-start'], open: (page) => manager(page, baseUrl, lang, '#/exports', 'exports-view') },
    { name: 'people', primary: ['person-add'], open: (page) => manager(page, baseUrl, lang, '#/people', 'people-view') },
    { name: 'settings', primary: ['settings-save'], open: (page) => manager(page, baseUrl, lang, '#/settings', 'settings-view') },
  ];
}

/** The sign-in screen with a name picked (a context with no session). */
export async function openSignIn(browser: Browser, baseUrl: string, lang: Lang, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/cashier/?lang=${lang}`);
  await page.getByTestId('cashier-tile').filter({ hasText: OWNER.name }).click();
  await expect(page.getByTestId('sign-in-button')).toBeVisible();
  return page;
}

/** What is wrong with the layout of the page as shown: primary buttons cut or off-screen, overlapping controls. */
export async function layoutProblems(page: Page, primary: string[]): Promise<string[]> {
  for (const id of primary) await page.getByTestId(id).waitFor();
  return page.evaluate((primaryIds) => {
    const problems: string[] = [];
    const view = { w: window.innerWidth, h: window.innerHeight };
    for (const id of primaryIds) {
      const element = document.querySelector(`[data-testid="${id}"]`);
      if (!element) {
        problems.push(`${id}: missing`);
        continue;
      }
      const r = element.getBoundingClientRect();
      if (r.left < 0 || r.top < 0 || r.right > view.w + 0.5 || r.bottom > view.h + 0.5) problems.push(`${id}: not fully inside ${view.w}×${view.h} (${Math.round(r.left)},${Math.round(r.top)})–(${Math.round(r.right)},${Math.round(r.bottom)})`);
    }
    const fixedOrSticky = (el: Element): boolean => {
      for (let node: Element | null = el; node; node = node.parentElement) {
        const position = getComputedStyle(node).position;
        if (position === 'fixed' || position === 'sticky') return true;
      }
      return false;
    };
    // The part of an element its scrolling or clipping ancestors let through.
    const visibleRect = (el: Element): { left: number; top: number; right: number; bottom: number } => {
      const r = el.getBoundingClientRect();
      const rect = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      for (let node = el.parentElement; node; node = node.parentElement) {
        if (getComputedStyle(node).overflow === 'visible') continue;
        const clip = node.getBoundingClientRect();
        rect.left = Math.max(rect.left, clip.left);
        rect.top = Math.max(rect.top, clip.top);
        rect.right = Math.min(rect.right, clip.right);
        rect.bottom = Math.min(rect.bottom, clip.bottom);
      }
      return rect;
    };
    const label = (el: Element): string => el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
    const controls = [...document.querySelectorAll('button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"]), [role="button"]')].filter((el) => {
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return style.visibility !== 'hidden' && style.display !== 'none' && r.width > 0 && r.height > 0 && !el.closest('dialog:not([open])');
    });
    for (let i = 0; i < controls.length; i += 1) {
      for (let j = i + 1; j < controls.length; j += 1) {
        const a = controls[i]!;
        const b = controls[j]!;
        if (a.contains(b) || b.contains(a) || fixedOrSticky(a) !== fixedOrSticky(b)) continue;
        const ra = visibleRect(a);
        const rb = visibleRect(b);
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1) problems.push(`overlap: ${label(a)} and ${label(b)}`);
      }
    }
    return problems;
  }, primary);
}

/** axe-core's WCAG 2.1 A/AA findings on the page as it is, one line each, named after the screen. */
export async function violations(page: Page, screen: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
