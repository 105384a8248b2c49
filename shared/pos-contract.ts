// The whole contract between the screens and the core: every operation (with one input schema each)
// and every event. Both transports (Electron IPC and HTTP + server-sent events) are derived from it.
import { z } from 'zod';
import { MAX_CHARGE_SATANG, MIN_CHARGE_SATANG } from './money';
import type { Sale } from './sale';
import type { PosResult } from './pos-error';
import type {
  AuditEntryView, AuthStatus, BackupInfo, Cashier, CashierDirectoryEntry, DailyReport, DisplayPairingCode,
  DisplayPairingResult, ExportJob, PairedDisplay, PeriodReport, Refund, SaleDetail, SaleSearchResult, Shift, ShopSettings,
  ZReport, ZReportFile, ZReportSummary,
} from './manager-types';
import type { Item, ItemCsv, ItemImportResult, ItemSalesReport } from './catalog';
import { RECEIPT_LANGS, type PrinterInfo, type Receipt, type ReceiptPrintResult, type SoundSettings } from './receipt';
import { receiptEmailSchema, type ReceiptEmailResult } from './receipt-email';
import type { LogFolderInfo } from './logs';
import { SALE_STATUSES } from './sale-status';
import { TENDERS } from './tender';
import {
  pushSettingsInput, setCustomerDisplayInput, setKioskInput, stripeConnectionInput, type DesktopInfo, type SetupStatus,
  type StripeConnectionTest, type UpdateStatus,
} from './setup';

const saleId = z.string().regex(/^sale_[A-Za-z0-9]{8,40}$/, 'a sale id looks like sale_…');

const itemId = z.string().regex(/^itm_[A-Za-z0-9]{8,40}$/, 'an item id looks like itm_…');
/** One line of a ticket as the till sends it; its amount is unitPrice × quantity. */
export const saleLineInput = z.strictObject({
  itemId: itemId.optional(),
  name: z.string().trim().min(1, 'a line needs a name').max(80),
  unitPrice: z.number().int('a price is a whole number of satang').min(0).max(MAX_CHARGE_SATANG, 'amount_too_large'),
  quantity: z.number().int('a quantity is a whole number').min(1, 'a quantity is at least 1').max(999, 'a quantity is at most 999'),
});
const saleLines = z.array(saleLineInput).min(1, 'a ticket has at least one line').max(200, 'a ticket has at most 200 lines').optional();
/** The ticket must add up to the amount charged: the customer pays exactly what the lines say. */
function linesAddUp(sale: { amount: number; lines?: { unitPrice: number; quantity: number }[] }): boolean {
  return sale.lines === undefined || sale.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0) === sale.amount;
}
const LINES_MESSAGE = { path: ['lines'], message: 'the lines do not add up to the amount' };

export const chargeInput = z.strictObject({
  amount: z
    .number({ error: 'amount must be a number of satang' })
    .int('amount must be a whole number of satang')
    .min(MIN_CHARGE_SATANG, 'amount_too_small')
    .max(MAX_CHARGE_SATANG, 'amount_too_large'),
  description: z.string().trim().max(200).optional(),
  email: z.email().max(200).optional(),
  orderRef: z.string().trim().max(100).optional(),
  /**
   * One id per charge attempt, reused when the same charge is retried after the till could not be
   * reached: the core then answers with the sale it already made rather than charging again.
   */
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a requestId is 8 to 64 letters, digits, - or _').optional(),
  lines: saleLines,
}).refine(linesAddUp, LINES_MESSAGE);

/** Amounts the till records itself (cash, hand-confirmed PromptPay): no Stripe minimum, the same maximum. */
const handAmount = z
  .number({ error: 'amount must be a number of satang' })
  .int('amount must be a whole number of satang')
  .min(1, 'amount must be at least 1 satang')
  .max(MAX_CHARGE_SATANG, 'amount_too_large');
const saleNote = {
  description: z.string().trim().max(200).optional(),
  orderRef: z.string().trim().max(100).optional(),
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a requestId is 8 to 64 letters, digits, - or _').optional(),
  lines: saleLines,
};
/** A cash sale: the amount and the cash handed over (at least the amount); the change is the difference. */
export const cashSaleInput = z
  .strictObject({
    amount: handAmount,
    tendered: z.number({ error: 'tendered must be a number of satang' }).int('tendered must be a whole number of satang').max(10 * MAX_CHARGE_SATANG, 'tendered is more cash than a till takes'),
    ...saleNote,
  })
  .refine((sale) => sale.tendered >= sale.amount, { path: ['tendered'], message: 'the cash handed over is less than the amount' })
  .refine(linesAddUp, LINES_MESSAGE);
/** A sale paid to the shop's own PromptPay ID, confirmed by the cashier (unverified: not Stripe's word). */
export const manualQrSaleInput = z.strictObject({ amount: handAmount, ...saleNote }).refine(linesAddUp, LINES_MESSAGE);

/** 13-digit Thai national/tax ID checksum (mod 11). */
function thaiIdChecksumOk(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(id[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(id[12]);
}
/**
 * The shop's logo printed on receipts: a small PNG or JPEG as a data URL. The screen shrinks the picture
 * before sending it; the cap keeps a settings call well under the HTTP body limit (64 KiB).
 */
export const MAX_SHOP_LOGO_CHARS = 60_000;
const LOGO_SIGNATURES = { png: [0x89, 0x50, 0x4e, 0x47], jpeg: [0xff, 0xd8, 0xff] } as const;
export const shopLogoSchema = z
  .string()
  .max(MAX_SHOP_LOGO_CHARS, 'a logo is at most 60,000 characters as a data URL: choose a smaller picture')
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/, 'a logo is a PNG or JPEG data URL (data:image/png;base64,…)')
  .refine((url) => {
    // The bytes must be the picture the header names (a PDF receipt would fail on anything else).
    const comma = url.indexOf(',');
    if (comma < 0) return false;
    const kind = url.startsWith('data:image/png') ? 'png' : 'jpeg';
    try {
      const head = atob(url.slice(comma + 1, comma + 9));
      return LOGO_SIGNATURES[kind].every((byte, index) => head.charCodeAt(index) === byte);
    } catch {
      return false;
    }
  }, 'the logo data is not the PNG or JPEG picture its header says');
/** The shop's PromptPay ID: a mobile number, a national or tax ID, or an e-wallet ID (spaces and dashes dropped). */
export const promptPayIdSchema = z
  .string()
  .transform((id) => id.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^(0\d{9}|\d{13}|\d{15})$/, 'a PromptPay ID is a 10-digit phone number (0…), a 13-digit national or tax ID, or a 15-digit e-wallet ID')
      .refine((id) => id.length !== 13 || thaiIdChecksumOk(id), 'this 13-digit ID fails its check digit; check it for a typo'),
  );

const cashAmount = z.number({ error: 'an amount of cash is a number of satang' }).int('cash is a whole number of satang').min(0).max(10 * MAX_CHARGE_SATANG);
export const openShiftInput = z.strictObject({ float: cashAmount });
export const cashMovementInput = z.strictObject({
  kind: z.enum(['pay_in', 'pay_out']),
  amount: cashAmount.min(1, 'amount must be at least 1 satang'),
  reason: z.string().trim().min(1, 'say why the cash goes in or out').max(200),
});
export const closeShiftInput = z.strictObject({ countedCash: cashAmount, note: z.string().trim().max(500).optional() });
export const zReportRefInput = z.strictObject({ id: z.string().regex(/^zr_[A-Za-z0-9]{8,40}$/, 'a Z report id looks like zr_…') });
/** A Z report as a PDF to print or keep, in the screen's language. */
export const zReportPdfInput = zReportRefInput.extend({ lang: z.enum(['th', 'en']).optional() });
export const zReportListInput = z.strictObject({ limit: z.number().int().min(1).max(400).optional(), tillId: z.string().min(1).max(60).optional() });

export const saleRefInput = z.strictObject({ saleId });
export const listSalesInput = z.strictObject({
  limit: z.number().int().min(1).max(500).optional(),
});
export const emptyInput = z.strictObject({});
export const simulateInput = z.strictObject({
  saleId,
  outcome: z.enum(['succeed', 'fail', 'expire']),
});

const pin = z.string().regex(/^\d{4,6}$/, 'a PIN is 4 to 6 digits');
const cashierId = z.string().regex(/^csh_[A-Za-z0-9]{6,40}$/, 'a cashier id looks like csh_…');
const personName = z.string().trim().min(1, 'a name is required').max(60);
const role = z.enum(['cashier', 'manager']);
/** True when YYYY-MM-DD names a day that exists (not 2026-02-31, which a Date would roll into March). */
export function isRealCalendarDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A business day, YYYY-MM-DD, in the shop's time zone. It must round-trip: impossible days are refused. */
export const businessDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date is YYYY-MM-DD')
  .refine(isRealCalendarDate, 'no such day (e.g. 31 February); a date is YYYY-MM-DD');

export const setupOwnerInput = z.strictObject({ name: personName, pin });
export const signInInput = z.strictObject({ cashierId, pin });
export const elevateInput = z.strictObject({ pin });
export const createCashierInput = z.strictObject({ name: personName, pin, role });
export const updateCashierInput = z.strictObject({
  cashierId,
  name: personName.optional(),
  pin: pin.optional(),
  role: role.optional(),
  active: z.boolean().optional(),
});
export const searchSalesInput = z.strictObject({
  from: businessDate,
  to: businessDate,
  /** Matches amount (baht or satang), description, order reference, sale id or PaymentIntent id. */
  query: z.string().trim().max(100).optional(),
  status: z.enum(SALE_STATUSES).optional(),
  tender: z.enum(TENDERS).optional(),
  tillId: z.string().max(60).optional(),
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
});
export const createRefundInput = z.strictObject({
  saleId,
  amount: z.number({ error: 'amount must be a number of satang' }).int('amount must be a whole number of satang').min(1, 'amount must be at least 1 satang'),
  email: z.email().max(200).optional(),
  reason: z.enum(['requested_by_customer', 'duplicate', 'fraudulent']).optional(),
});
export const refundRefInput = z.strictObject({ refundId: z.string().regex(/^rfd_[A-Za-z0-9]{8,40}$/, 'a refund id looks like rfd_…') });
export const dailyReportInput = z.strictObject({ date: businessDate, tillId: z.string().max(60).optional() });
/** Shifts of one business day (every till, or one). */
export const shiftListInput = dailyReportInput;
/** Closes this till's business day: the numbered Z report (every shift of that day must be closed). */
export const createZReportInput = z.strictObject({ date: businessDate });
/** Longest period report: two months (a week or a month is what it is for; a year is an export). */
export const MAX_PERIOD_REPORT_DAYS = 62;
/** Business days from `from` to `to` inclusive (0 when `to` comes first), for dates already known to be real. */
export function businessDaysInRange(from: string, to: string): number {
  return Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
/** A week or a month of business days, a row per day (the REST API's query adds its format to it). */
export const periodReportInput = z
  .strictObject({ from: businessDate, to: businessDate, tillId: z.string().min(1).max(60).optional() })
  .superRefine((range, ctx) => {
    const days = businessDaysInRange(range.from, range.to);
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the last day must not be before the first day' });
    else if (days > MAX_PERIOD_REPORT_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `a period report covers at most ${MAX_PERIOD_REPORT_DAYS} days; export a longer range instead` });
  });
export const exportInput = z.strictObject({
  from: businessDate,
  to: businessDate,
  format: z.enum(['csv', 'xlsx', 'pdf']),
  tillId: z.string().max(60).optional(),
});
export const exportRefInput = z.strictObject({ jobId: z.string().regex(/^exp_[A-Za-z0-9]{8,40}$/) });
export const updateSettingsInput = z.strictObject({
  shopName: z.string().trim().min(1).max(80).optional(),
  timeZone: z.string().max(60).refine((zone) => {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone.length > 0;
    } catch {
      return false;
    }
  }, 'not a known time zone (e.g. Asia/Bangkok)').optional(),
  qrTimeoutSeconds: z.number().int().min(30).max(3600).optional(),
  backupFolder: z.string().min(1).max(500).nullable().optional(),
  backupTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM').nullable().optional(),
  dayStartHour: z.number().int('a whole hour').min(0, 'from 0 (midnight)').max(11, 'at most 11 (a business day starts before noon)').optional(),
  promptPayId: promptPayIdSchema.nullable().optional(),
  shopAddress: z.string().trim().max(300).nullable().optional(),
  /** A PNG or JPEG data URL printed at the top of receipts; null removes it. */
  shopLogo: shopLogoSchema.nullable().optional(),
  vatRegistered: z.boolean().optional(),
  /** The shop's 13-digit tax ID (check digit checked), printed on tax invoices. */
  taxId: z.string().transform((id) => id.replace(/[\s-]/g, '')).pipe(
    z.string().regex(/^\d{13}$/, 'a tax ID is 13 digits').refine(thaiIdChecksumOk, 'this tax ID fails its check digit; check it for a typo'),
  ).nullable().optional(),
  /** Branch: 00000 for the head office (สำนักงานใหญ่), else the 5-digit branch number. */
  branchCode: z.string().regex(/^\d{5}$/, 'a branch is 5 digits (00000 = head office)').nullable().optional(),
  receiptPaper: z.enum(['58', '80']).optional(),
  /** The language paper receipts print in: Thai, English, or both on one receipt. */
  receiptLanguage: z.enum(RECEIPT_LANGS).optional(),
  /** The printer receipts go to silently (desktop); null = the system default. */
  receiptPrinter: z.string().trim().min(1).max(200).nullable().optional(),
  /** Print a receipt when a sale is paid: always, ask each time, or never (reprint from history). */
  autoPrintReceipt: z.enum(['always', 'ask', 'never']).optional(),
  sound: z.strictObject({
    chime: z.boolean(),
    speakAmount: z.boolean(),
    volume: z.number().int().min(0).max(100),
  }).optional(),
});
export const runBackupInput = z.strictObject({ folder: z.string().min(1).max(500).optional() });
export const restoreBackupInput = z.strictObject({ file: z.string().min(1).max(500) });
/** The six digits shown on the till; spaces a person may type between them are dropped. */
export const pairDisplayInput = z.strictObject({
  code: z.string().transform((code) => code.replace(/\s+/g, '')).pipe(z.string().regex(/^\d{6}$/, 'a pairing code is 6 digits')),
});
export const displayRefInput = z.strictObject({ displayId: z.string().regex(/^dsp_[A-Za-z0-9]{8,40}$/, 'a display id looks like dsp_…') });
/** A manager's PIN, typed on the till to approve a change of Stripe account or mode. */
export const approveStripeChangeInput = z.strictObject({ pin });
export const auditListInput = z.strictObject({ limit: z.number().int().min(1).max(500).optional(), beforeId: z.number().int().optional() });

export const itemListInput = z.strictObject({
  /** Matches name, category or SKU (Thai or English, case-insensitive). */
  query: z.string().trim().max(100).optional(),
  category: z.string().trim().max(60).optional(),
  includeInactive: z.boolean().optional(),
  limit: z.number().int().min(1).max(2000).optional(),
});
export const saveItemInput = z.strictObject({
  /** Absent: a new item. */
  id: itemId.optional(),
  name: z.string().trim().min(1, 'an item needs a name').max(80),
  category: z.string().trim().max(60).nullable().optional(),
  price: z.number({ error: 'a price is a number of satang' }).int('a price is a whole number of satang').min(0).max(MAX_CHARGE_SATANG, 'amount_too_large'),
  sku: z.string().trim().min(1).max(60).nullable().optional(),
  active: z.boolean().optional(),
});
/** An item CSV (the export's columns); dryRun checks it and says what it would do without saving. */
export const importItemsInput = z.strictObject({ csv: z.string().min(1, 'the file is empty').max(5_000_000, 'the file is larger than 5 MB'), dryRun: z.boolean().optional() });
export const itemSalesReportInput = periodReportInput;
export const receiptInput = z.strictObject({
  saleId,
  /** A reprint, marked สำเนา / COPY. */
  copy: z.boolean().optional(),
});
export const receiptPdfInput = receiptInput.extend({ lang: z.enum(RECEIPT_LANGS).optional(), paper: z.enum(['58', '80']).optional() });
/** Stripe emails its receipt of a paid PromptPay sale to this address (the PaymentIntent's receipt_email). */
export const emailReceiptInput = z.strictObject({ saleId, email: receiptEmailSchema });

export interface AppInfo {
  demo: boolean;
  shopName: string;
  tillId: string;
  qrTimeoutSeconds: number;
  /** The shop's time zone: business days and report hours are counted in it. */
  timeZone: string;
  /** The hour (0–11) the shop's business day starts in that zone: before it, today is still the day before. */
  dayStartHour: number;
  version: string;
  /** The Stripe account mode, so the cashier knows whether real money moves. */
  mode: 'demo' | 'test' | 'live';
  stripe: StripeInfo;
  /** Whether a manager has set the shop's PromptPay ID, so hand-confirmed PromptPay can be offered. */
  promptPayReady: boolean;
  /** The paid sound (both screens follow it). */
  sound: SoundSettings;
  /** Whether to print a receipt when a sale is paid (ShopSettings.autoPrintReceipt). */
  autoPrintReceipt: 'always' | 'ask' | 'never';
}

export type StripeMode = 'demo' | 'test' | 'live';

/** The Stripe account the till's key belongs to, and whether the ledger has accepted it. */
export interface StripeInfo {
  mode: StripeMode;
  /** acct_…; null in demo mode or when the key may not read its account. */
  account: string | null;
  accountName: string | null;
  /**
   * The key's account or mode differs from the one the ledger's sales were taken in: new charges are
   * refused until a manager approves (`stripe.approveChange`).
   */
  pendingChange: null | { fromMode: StripeMode; fromAccount: string | null; toMode: StripeMode; toAccount: string | null };
  /** Permissions a restricted key (rk_…) lacks, in Stripe dashboard terms (e.g. 'Refunds: Write'). */
  missingPermissions: string[];
}

/** Operation name → input schema. The single source for both transports and for validation. */
export const posOperations = {
  'app.info': emptyInput,
  'sales.charge': chargeInput,
  'sales.cancel': saleRefInput,
  /** New QR for an expired or failed sale (same sale, amount and PaymentIntent). */
  'sales.renew': saleRefInput,
  'sales.get': saleRefInput,
  'sales.list': listSalesInput,
  'sales.current': emptyInput,
  /**
   * A cash sale, recorded paid at once (the cashier's word); needs an open shift on this till (refused:
   * conflict, field 'shift'). Never refused for the Stripe account; refused during a restore (field 'maintenance').
   */
  'sales.cash': cashSaleInput,
  /**
   * A sale shown as a QR for the shop's own PromptPay ID (refused until it is set: conflict, field
   * 'promptPayId'); awaits the cashier's confirmation or a cancel (sales.cancel, at once). No Stripe call.
   */
  'sales.manualQr': manualQrSaleInput,
  /** The cashier saw the bank's notification: the hand-confirmed sale is paid (unverified). Other sales: conflict, field 'saleId'. */
  'sales.confirmManual': saleRefInput,
  'shifts.current': emptyInput,
  'shifts.open': openShiftInput,
  'shifts.cashMovement': cashMovementInput,
  'shifts.close': closeShiftInput,
  'shifts.list': shiftListInput,
  'zreports.create': createZReportInput,
  'zreports.list': zReportListInput,
  'zreports.get': zReportRefInput,
  'zreports.pdf': zReportPdfInput,
  'demo.simulate': simulateInput,
  'auth.status': emptyInput,
  'auth.setupOwner': setupOwnerInput,
  'auth.signIn': signInInput,
  'auth.signOut': emptyInput,
  'auth.elevate': elevateInput,
  'cashiers.directory': emptyInput,
  'cashiers.list': emptyInput,
  'cashiers.create': createCashierInput,
  'cashiers.update': updateCashierInput,
  'sales.search': searchSalesInput,
  'sales.detail': saleRefInput,
  'refunds.create': createRefundInput,
  'refunds.get': refundRefInput,
  'reports.daily': dailyReportInput,
  /** A row per business day of [from, to] (at most MAX_PERIOD_REPORT_DAYS) and their totals. */
  'reports.period': periodReportInput,
  'reports.export': exportInput,
  'reports.exportStatus': exportRefInput,
  'settings.get': emptyInput,
  'settings.update': updateSettingsInput,
  'backup.run': runBackupInput,
  'backup.list': emptyInput,
  'backup.restore': restoreBackupInput,
  'audit.list': auditListInput,
  'stripe.approveChange': approveStripeChangeInput,
  'payments.path': emptyInput,
  'displays.pairingCode': emptyInput,
  'displays.pair': pairDisplayInput,
  'displays.list': emptyInput,
  'displays.unpair': displayRefInput,
  /** Catalogue items for the till (active ones unless includeInactive, which needs a manager's screen). */
  'items.list': itemListInput,
  'items.save': saveItemInput,
  'items.import': importItemsInput,
  'items.export': emptyInput,
  /** Sales by item over business days (at most MAX_PERIOD_REPORT_DAYS); totals equal the ledger's. */
  'reports.items': itemSalesReportInput,
  /** The receipt of a paid sale (refused for an unpaid one: conflict, field 'saleId'). */
  'receipts.get': receiptInput,
  /** Prints it: silently to the chosen printer on the desktop; in a browser via: 'dialog'. */
  'receipts.print': receiptInput,
  /** The receipt as a PDF (58 or 80 mm wide), saved or downloaded like a Z report PDF. */
  'receipts.pdf': receiptPdfInput,
  /** Stripe emails its receipt to the customer (PromptPay through Stripe only; refused for cash and by-hand sales). */
  'receipts.email': emailReceiptInput,
  /** Printers the desktop can print to (empty in a browser). */
  'printers.list': emptyInput,
  /** What is set up on this till (never a secret's value): the wizard and Settings read it. */
  'setup.status': emptyInput,
  /** Asks Stripe about a pasted key without keeping it: account, country, mode, permissions, PromptPay. */
  'setup.testStripe': stripeConnectionInput,
  /** Tests the key again, then keeps it (secure storage) for the till's next start, between sales. */
  'setup.saveStripe': stripeConnectionInput,
  /** Forgets the kept key: the till runs in demo mode from its next start. */
  'setup.forgetStripe': emptyInput,
  /** The webhook signing secret and the relay (URL, this till's token), checked and kept like the key. */
  'setup.savePush': pushSettingsInput,
  /** The first-run wizard is done (or demo chosen): the till stops offering it. */
  'setup.complete': emptyInput,
  /** Restarts the till's core now so saved connections take effect (refused during a sale). */
  'setup.restart': emptyInput,
  /** This computer's monitors, where the customer window goes, kiosk mode (desktop; unavailable in a browser). */
  'desktop.info': emptyInput,
  'desktop.setCustomerDisplay': setCustomerDisplayInput,
  'desktop.setKiosk': setKioskInput,
  /** The app's own updates: what is downloaded and waiting. */
  'updates.status': emptyInput,
  /** Installs a downloaded update now (restarts the app); refused while a sale is in progress. */
  'updates.install': emptyInput,
  /** Where the app's log file is (the path only, never its contents). */
  'logs.info': emptyInput,
  /** Opens the log folder in the computer's file manager (desktop app; refused in a browser). */
  'logs.openFolder': emptyInput,
} as const;

/**
 * Who may call each operation, declared once: the core's authorize, the HTTP guards and the desktop
 * customer window all derive from it.
 * - `display`: the read-only customer feed; any customer display may call it (off the till: once paired).
 * - `pairing`: a display off the till pairing itself (its one-time code is its credential).
 * - `public`: the till's screens before sign-in (never from off the till).
 * - `cashier`: a signed-in cashier; `manager`: a manager (or a cashier raised by a manager's PIN);
 *   `owner`: the owner only (the HTTP guards treat it like `manager`; the core's authorize checks it).
 */
export type PosAccess = 'display' | 'public' | 'pairing' | 'cashier' | 'manager' | 'owner';
/** What the core's session check sees: everything open before sign-in is one level, `public`. */
export type SessionAccess = Exclude<PosAccess, 'display' | 'pairing'>;
export function sessionAccessOf(access: PosAccess): SessionAccess {
  return access === 'display' || access === 'pairing' ? 'public' : access;
}
/** Whether a caller needs no sign-in for this level (the customer feed, pairing, the sign-in screens). */
export function isOpenAccess(access: PosAccess): boolean {
  return sessionAccessOf(access) === 'public';
}
/** Whether this level needs the manager role at least (owner: the core also requires the owner). */
export function needsManager(access: PosAccess): boolean {
  return access === 'manager' || access === 'owner';
}
export const posOperationAccess: Record<keyof typeof posOperations, PosAccess> = {
  'app.info': 'display',
  'sales.current': 'display',
  'auth.status': 'public',
  'auth.setupOwner': 'public',
  'auth.signIn': 'public',
  'cashiers.directory': 'public',
  'auth.signOut': 'cashier',
  'auth.elevate': 'cashier',
  'sales.charge': 'cashier',
  'sales.cancel': 'cashier',
  'sales.renew': 'cashier',
  'sales.get': 'cashier',
  'sales.list': 'cashier',
  'sales.cash': 'cashier',
  'sales.manualQr': 'cashier',
  'sales.confirmManual': 'cashier',
  'shifts.current': 'cashier',
  'shifts.open': 'cashier',
  'shifts.cashMovement': 'cashier',
  'shifts.close': 'cashier',
  'shifts.list': 'manager',
  'zreports.create': 'manager',
  'zreports.list': 'manager',
  'zreports.get': 'manager',
  'zreports.pdf': 'manager',
  'sales.search': 'manager',
  'sales.detail': 'manager',
  'demo.simulate': 'cashier',
  'refunds.get': 'manager',
  'refunds.create': 'manager',
  'cashiers.list': 'manager',
  'cashiers.create': 'manager',
  'cashiers.update': 'manager',
  'reports.daily': 'manager',
  'reports.period': 'manager',
  'reports.export': 'manager',
  'reports.exportStatus': 'manager',
  'settings.get': 'manager',
  'settings.update': 'manager',
  'backup.run': 'manager',
  'backup.list': 'manager',
  'backup.restore': 'owner',
  'audit.list': 'manager',
  // Typed on the till by a manager for whoever is signed in there; the PIN is the approval.
  'stripe.approveChange': 'cashier',
  'payments.path': 'public',
  // Asked for on the till and shown big there; a display off the till cannot reach it (request guards).
  'displays.pairingCode': 'cashier',
  // The one operation an unpaired display off the till may call: the code is its credential.
  'displays.pair': 'pairing',
  'displays.list': 'manager',
  'displays.unpair': 'manager',
  'items.list': 'cashier',
  'items.save': 'manager',
  'items.import': 'manager',
  'items.export': 'manager',
  'reports.items': 'manager',
  'receipts.get': 'cashier',
  'receipts.print': 'cashier',
  'receipts.pdf': 'manager',
  'receipts.email': 'cashier',
  'printers.list': 'manager',
  'setup.status': 'manager',
  'setup.testStripe': 'manager',
  'setup.saveStripe': 'manager',
  'setup.forgetStripe': 'manager',
  'setup.savePush': 'manager',
  'setup.complete': 'manager',
  'setup.restart': 'manager',
  'desktop.info': 'manager',
  'desktop.setCustomerDisplay': 'manager',
  'desktop.setKiosk': 'manager',
  // The till shows "update ready" to whoever is signed in; installing needs a manager.
  'updates.status': 'cashier',
  'updates.install': 'manager',
  // The log tells how the till is set up: a manager finds it for IT.
  'logs.info': 'manager',
  'logs.openFolder': 'manager',
};

export type PosOperation = keyof typeof posOperations;

/** The operations declared at one of these access levels (e.g. what a customer display may call). */
export function operationsAt(...levels: PosAccess[]): ReadonlySet<PosOperation> {
  const wanted = new Set(levels);
  return new Set((Object.keys(posOperationAccess) as PosOperation[]).filter((op) => wanted.has(posOperationAccess[op])));
}
export type PosInput<K extends PosOperation> = z.input<(typeof posOperations)[K]>;
export type PosParsedInput<K extends PosOperation> = z.output<(typeof posOperations)[K]>;

export interface PosOutputs {
  'app.info': AppInfo;
  'sales.charge': Sale;
  'sales.cancel': Sale;
  'sales.renew': Sale;
  'sales.get': Sale;
  'sales.list': Sale[];
  /** The sale the customer display should show: the newest one still awaiting payment or just finished. */
  'sales.current': Sale | null;
  'sales.cash': Sale;
  'sales.manualQr': Sale;
  'sales.confirmManual': Sale;
  /** This till's open shift (with its expected cash now), or null. */
  'shifts.current': Shift | null;
  'shifts.open': Shift;
  'shifts.cashMovement': Shift;
  'shifts.close': Shift;
  'shifts.list': Shift[];
  'zreports.create': ZReport;
  'zreports.list': ZReportSummary[];
  'zreports.get': ZReport;
  /** Desktop: saved into the exports folder (filePath); browser: a download URL for this signed-in manager. */
  'zreports.pdf': ZReportFile;
  'demo.simulate': Sale;
  'auth.status': AuthStatus;
  'auth.setupOwner': AuthStatus;
  'auth.signIn': AuthStatus;
  'auth.signOut': AuthStatus;
  'auth.elevate': AuthStatus;
  'cashiers.directory': CashierDirectoryEntry[];
  'cashiers.list': Cashier[];
  'cashiers.create': Cashier;
  'cashiers.update': Cashier;
  'sales.search': SaleSearchResult;
  'sales.detail': SaleDetail;
  'refunds.create': Refund;
  'refunds.get': Refund;
  'reports.daily': DailyReport;
  'reports.period': PeriodReport;
  'reports.export': ExportJob;
  'reports.exportStatus': ExportJob;
  'settings.get': ShopSettings;
  'settings.update': ShopSettings;
  'backup.run': BackupInfo;
  'backup.list': BackupInfo[];
  'backup.restore': BackupInfo;
  'audit.list': AuditEntryView[];
  'stripe.approveChange': AppInfo;
  'payments.path': PaymentPathStatus;
  /** A new six-digit code (valid a few minutes, single use); any earlier code stops working. */
  'displays.pairingCode': DisplayPairingCode;
  /** Pairs the calling client (its pos_client cookie) as a customer display. */
  'displays.pair': DisplayPairingResult;
  'displays.list': PairedDisplay[];
  'displays.unpair': PairedDisplay[];
  'items.list': Item[];
  'items.save': Item;
  'items.import': ItemImportResult;
  'items.export': ItemCsv;
  'reports.items': ItemSalesReport;
  'receipts.get': Receipt;
  'receipts.print': ReceiptPrintResult;
  'receipts.pdf': ZReportFile;
  'receipts.email': ReceiptEmailResult;
  'printers.list': PrinterInfo[];
  'setup.status': SetupStatus;
  'setup.testStripe': StripeConnectionTest;
  'setup.saveStripe': SetupStatus;
  'setup.forgetStripe': SetupStatus;
  'setup.savePush': SetupStatus;
  'setup.complete': SetupStatus;
  'setup.restart': SetupStatus;
  'desktop.info': DesktopInfo;
  'desktop.setCustomerDisplay': DesktopInfo;
  'desktop.setKiosk': DesktopInfo;
  'updates.status': UpdateStatus;
  'updates.install': UpdateStatus;
  'logs.info': LogFolderInfo;
  'logs.openFolder': LogFolderInfo;
}

export interface PosEvents {
  'sale.updated': Sale;
  'refund.updated': Refund;
  'export.progress': ExportJob;
  /** Which paths confirm payments right now (issue: push via webhooks/relay, polling fallback). */
  'payments.path': PaymentPathStatus;
  /** The till's shift changed (opened, cash moved, a cash sale or refund, closed); null: no shift open. */
  'shift.updated': Shift | null;
  /** Monitors plugged or unplugged, the customer window moved, kiosk changed (desktop only). */
  'desktop.updated': DesktopInfo;
  /** An update is being downloaded or is ready to install. */
  'updates.updated': UpdateStatus;
  /** Setup changed (a connection saved, a restart pending). */
  'setup.updated': SetupStatus;
}

/** Beyond this the till warns that its clock is wrong (Stripe refuses webhook signatures 300 s off). */
export const CLOCK_SKEW_WARNING_SECONDS = 120;

export interface PaymentPathStatus {
  /** The fastest healthy path: relay or local webhooks when pushing, else polling. */
  live: 'relay' | 'webhook' | 'polling';
  relay: 'off' | 'connecting' | 'connected' | 'down';
  webhook: 'off' | 'ready';
  /** Epoch ms of the last event received by push, if any. */
  lastPushAt: number | null;
  /** Whether Stripe answered lately. PromptPay cannot work offline: the till says so before a charge. */
  stripe: 'unknown' | 'reachable' | 'unreachable';
  /**
   * This computer's clock minus Stripe's (seconds, from Stripe's Date header), when known. Webhook
   * signatures and business days depend on the clock; the cashier is warned when it is far off.
   */
  clockSkewSeconds: number | null;
}
export type PosEventName = keyof PosEvents;
export type PosEvent = { [K in PosEventName]: { type: K; data: PosEvents[K] } }[PosEventName];

/** The generic transport surface: one call, one event stream. */
export interface PosTransport {
  call<K extends PosOperation>(op: K, input: PosInput<K>): Promise<PosResult<PosOutputs[K]>>;
  subscribe(listener: (event: PosEvent) => void): () => void;
}
