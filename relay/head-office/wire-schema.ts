// What tills post and head office asks, validated with zod before anything is stored or read: a bad
// batch is a 400 naming the first problem, and nothing of it is stored. The till's side of this shape
// is electron/core/head-office/head-office-payload.ts (the relay imports nothing of the till's; a test
// checks the two agree). Unknown fields are dropped, never stored: head office keeps only these.
import { z } from 'zod';
import { SHOP_OR_TILL_ID } from './head-office-config';

export const SALE_STATUSES = ['created', 'awaiting_payment', 'succeeded', 'expired', 'failed', 'canceled'] as const;
export const TENDERS = ['promptpay', 'cash', 'promptpay_manual'] as const;
export const REFUND_STATUSES = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const;
/** Refunds the till's reports count (pending and waiting on the customer included): the same set here. */
export const COUNTED_REFUND_STATUSES = ['pending', 'requires_action', 'succeeded'] as const;
export const MODES = ['live', 'test', 'demo'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];
export type Tender = (typeof TENDERS)[number];
export type Mode = (typeof MODES)[number];

/** Most sales one POST may carry (the till sends 200). */
export const MAX_SALES_PER_BATCH = 500;
/** Longest export range: a year and a bit (reports cover a day or a month). */
export const MAX_EXPORT_DAYS = 400;

/** True when YYYY-MM-DD names a day that exists (2026-02-31 does not). */
function isRealDate(text: string): boolean {
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

function isTimeZone(zone: string): boolean {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone.length > 0;
  } catch {
    return false;
  }
}

export const businessDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine(isRealDate, 'not a real calendar date');
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');
const id = z.string().min(1).max(100).regex(/^[A-Za-z0-9._:~-]+$/, 'an id is letters, digits and . _ : ~ -');
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const satang = z.number().int().min(1).max(1_000_000_000_000);
const shopOrTill = z.string().regex(SHOP_OR_TILL_ID, 'a shop or till id is 1–60 characters of [A-Za-z0-9._~-]');

export const wireRefund = z.object({
  id,
  amount: satang,
  status: z.enum(REFUND_STATUSES),
  tender: z.enum(TENDERS),
  createdAt: epochMs,
  businessDate,
});

export const wireSale = z.object({
  id,
  shopId: shopOrTill,
  tillId: shopOrTill,
  version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  cashierId: z.string().max(100).nullable(),
  cashier: z.string().max(200).nullable(),
  amount: satang,
  currency: z.string().regex(/^[a-z]{3}$/, 'a currency is three lower-case letters'),
  tender: z.enum(TENDERS),
  status: z.enum(SALE_STATUSES),
  mode: z.enum(MODES).nullable(),
  account: z.string().max(100).nullable(),
  createdAt: epochMs,
  paidAt: epochMs.nullable(),
  updatedAt: epochMs,
  businessDate,
  timeZone: z.string().max(60).refine(isTimeZone, 'not a known time zone (e.g. Asia/Bangkok)'),
  dayStartHour: z.number().int().min(0).max(11),
  refunds: z.array(wireRefund).max(1000),
});

export const salesBatch = z.object({
  sales: z.array(wireSale).min(1, 'a batch carries at least one sale').max(MAX_SALES_PER_BATCH, `a batch carries at most ${MAX_SALES_PER_BATCH} sales`),
});

export type WireSale = z.infer<typeof wireSale>;
export type WireRefund = z.infer<typeof wireRefund>;

const modeQuery = z.enum(MODES).default('live');

export const dailyQuery = z.strictObject({ date: businessDate, mode: modeQuery });
export const monthlyQuery = z.strictObject({ month, mode: modeQuery });
export const exportQuery = z
  .strictObject({ from: businessDate, to: businessDate, format: z.enum(['csv', 'xlsx']), mode: modeQuery })
  .superRefine((range, ctx) => {
    const days = Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the last day must not be before the first day' });
    else if (days > MAX_EXPORT_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `an export covers at most ${MAX_EXPORT_DAYS} days` });
  });

/** The first problem, as one line for a 400 (path and message; never the value, which may be long). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${where}: ${issue.message}`;
}
