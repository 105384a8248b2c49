// What the manager's side sees: people, refunds, reports, exports, backups. Amounts in satang.
import type { ReceiptSettings } from './receipt';
import type { Sale } from './sale';
import type { SaleStatus } from './sale-status';
import type { Tender } from './tender';

export type Role = 'cashier' | 'manager';

export interface SessionUser {
  cashierId: string;
  name: string;
  role: Role;
  /** The owner is the manager created at first run. */
  owner: boolean;
}

export interface AuthStatus {
  /** True until the owner's PIN has been created (first run). No default credentials exist. */
  setupRequired: boolean;
  user: SessionUser | null;
  /** A cashier's session may be raised to manager for a few minutes by a manager's PIN (epoch ms). */
  elevatedUntil: number | null;
  /** The role in force now: the user's, or manager while elevated. */
  effectiveRole: Role | null;
}

/** Names for the sign-in picker: no PINs, no lock state. */
export interface CashierDirectoryEntry {
  cashierId: string;
  name: string;
  role: Role;
}

export interface Cashier extends CashierDirectoryEntry {
  active: boolean;
  owner: boolean;
  lockedUntil: number | null;
  createdAt: number;
}

export const REFUND_STATUSES = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface Refund {
  id: string;
  saleId: string;
  stripeRefundId: string | null;
  /**
   * The sale's tender. 'promptpay' goes back through Stripe; 'cash' is handed back from the drawer and
   * 'promptpay_manual' by the shop (a bank transfer): both recorded succeeded at once, without Stripe.
   */
  tender: Tender;
  amount: number;
  status: RefundStatus;
  /** Where Stripe emails the customer for bank details (PromptPay refunds need them). */
  email: string | null;
  reason: 'requested_by_customer' | 'duplicate' | 'fraudulent' | null;
  failureReason: string | null;
  requestedBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface SaleTimelineEntry {
  at: number;
  /** Who or what: a cashier's name, 'stripe', 'poll', 'webhook', 'relay', 'reconcile', 'api', … */
  source: string;
  kind: string;
  fromStatus: SaleStatus | null;
  toStatus: SaleStatus | null;
  /** False for inputs that changed nothing (duplicates, stale or backward moves). */
  applied: boolean;
  detail: unknown;
  /** Why it was applied or ignored, as a code the screen words (detail.note keeps the English); null without one. */
  note?: TimelineNote | null;
}

/**
 * A timeline entry's note as a stable code and its facts (statuses are SaleStatus or RefundStatus
 * names, amounts satang). 'other': a note the screens have no words for.
 */
export type TimelineNote =
  | { code: 'moved'; from: string; to: string; via: string | null }
  | { code: 'cash_received'; received: number; change: number }
  | { code: 'own_qr_shown' }
  /** `by` null: the cashier, unnamed. */
  | { code: 'confirmed_by_hand'; by: string | null }
  | { code: 'canceled_by_hand'; from: string; intent: string }
  | { code: 'qr_timeout' }
  | { code: 'new_qr'; attempt: number }
  | { code: 'cancel_requested'; intent: string }
  | { code: 'stale'; status: string; after: string }
  | { code: 'no_change' | 'already' | 'too_late' | 'no_new_qr' | 'stripe_said'; status: string }
  | { code: 'earlier_qr_attempt'; attempt: number; status: string }
  | {
      code:
        | 'cancel_already_requested' | 'create_rejected' | 'details_updated' | 'different_payment_intent' | 'amount_mismatch'
        | 'same_sale_retried' | 'qr_withheld' | 'not_for_stripe' | 'not_for_this_tender' | 'refund_reversed'
        | 'different_refund' | 'refund_not_confirmed_yet' | 'other';
    };

export interface SaleDetail {
  sale: Sale;
  timeline: SaleTimelineEntry[];
  refunds: Refund[];
  /** What can still be refunded (succeeded amount minus refunds not failed/canceled). */
  refundable: number;
  /** Who confirmed a hand-confirmed PromptPay sale from the bank's notification (the cashier's word); null otherwise. */
  confirmedBy?: string | null;
}

/** A sale in a history list, with what has been refunded of it (refunds not failed or canceled). */
export interface SaleSearchRow extends Sale {
  /** Satang refunded or on its way back; sent by this core on every row (optional only for older cores). */
  refunded?: number;
}

export interface SaleSearchResult {
  sales: SaleSearchRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Whose sales: the Stripe mode and account the ledger is bound to (history never mixes them). */
  mode?: 'demo' | 'test' | 'live' | null;
  account?: string | null;
}

export interface AmountCount {
  count: number;
  amount: number;
}

/**
 * The totals every report row carries: the daily report, each day of a period report and the period
 * as a whole. What reports gain later (totals by tender, Stripe's fees) joins here, once for all of them.
 */
export interface ReportTotals {
  /** Every sale created in the period, by status (expired, failed and canceled are the not-paid ones). */
  byStatus: Record<SaleStatus, AmountCount>;
  /** Succeeded sales. */
  paid: AmountCount;
  /** Refunds that succeeded or are still in progress (not failed/canceled), by their creation day. */
  refunded: AmountCount;
  /** paid.amount − refunded.amount */
  net: number;
  /** The same money by tender: every tender always present (zeros when unused). */
  tenders: Record<Tender, TenderTotals>;
  /**
   * Refunds counted in `refunded`, split: paid out (succeeded: cash handed back, or Stripe sent it) and
   * still waiting (a PromptPay refund waiting for the customer's bank details, or still processing).
   */
  refundsPaidOut: AmountCount;
  refundsWaiting: AmountCount;
  /** Stripe's fees on the paid PromptPay sales (satang), from their balance transactions. */
  stripeFees: number;
  /** Paid PromptPay sales whose fee Stripe has not reported yet (not in `stripeFees`). */
  stripeFeesUnknown: number;
  /** What Stripe pays out for them: tenders.promptpay.net − stripeFees. */
  stripeNetPayout: number;
}

/** One tender's money in a report: paid sales (count, gross), refunds of that tender, and gross − refunded. */
export interface TenderTotals {
  count: number;
  gross: number;
  refunded: number;
  net: number;
}

/** What a report covers: whose money, in which zone, which till, and its [start, end) in epoch ms. */
export interface ReportScope {
  /** Whose money this is: the Stripe mode and account the ledger is bound to (null: sales from before modes were kept). */
  mode: 'demo' | 'test' | 'live' | null;
  account: string | null;
  timeZone: string;
  tillId: string | null;
  startsAt: number;
  endsAt: number;
  /**
   * The hour (shop's zone) its business days start (ShopSettings.dayStartHour), so a screen can order
   * hours from it. Always sent by this core; optional only for screens reading an older one (then 0).
   */
  dayStartHour?: number;
}

export interface DailyReport extends ReportTotals, ReportScope {
  /** Business day YYYY-MM-DD in `timeZone`. */
  date: string;
  /** 24 entries, hour 0–23 local time, succeeded sales. */
  byHour: (AmountCount & { hour: number })[];
  /**
   * Succeeded sales per cashier. `source` 'api': sales another system made through the REST API (no
   * cashier; `name` is empty, the screen words it in its language). Always sent by this core; optional
   * only for screens reading an older one.
   */
  byCashier: (AmountCount & { cashierId: string | null; name: string; source?: 'api' | 'till' })[];
  payments: ReportPayment[];
  generatedAt: number;
}

/** One business day of a period report. */
export interface PeriodReportDay extends ReportTotals {
  /** YYYY-MM-DD in the report's time zone. */
  date: string;
  /** [start, end) of the business day, epoch ms (23 or 25 hours on a DST change). */
  startsAt: number;
  endsAt: number;
}

/** A week or a month: a row per business day of [from, to] (days without sales included, all zero) and their sum. */
export interface PeriodReport extends ReportScope {
  from: string;
  to: string;
  days: PeriodReportDay[];
  /** The sum of `days`: equal to the daily reports of those days added up. */
  totals: ReportTotals;
  generatedAt: number;
}

export interface ReportPayment {
  saleId: string;
  paidAt: number;
  amount: number;
  refunded: number;
  description: string | null;
  orderRef: string | null;
  cashier: string | null;
  tillId: string;
  paymentIntentId: string | null;
  flagged: boolean;
  /**
   * How it was paid ('promptpay_manual': confirmed by hand, unverified). Always sent by this core;
   * optional only for screens reading an older one (then 'promptpay').
   */
  tender?: Tender;
}

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

export interface ExportJob {
  id: string;
  format: ExportFormat;
  from: string;
  to: string;
  status: 'running' | 'done' | 'failed';
  /** Rows written so far and the total expected, for the progress bar. */
  done: number;
  total: number;
  fileName: string;
  /** Desktop: where the file was saved. */
  filePath: string | null;
  /** Browser mode: a same-origin URL to download the file. */
  downloadUrl: string | null;
  error: string | null;
}

export interface ShopSettings extends ReceiptSettings {
  shopName: string;
  timeZone: string;
  /**
   * The hour (0–11, shop's zone) a business day starts: 0 = midnight. A bar closing at 02:00 sets a
   * later hour so the night counts on the day it began. Reports, history and Z reports follow it.
   */
  dayStartHour: number;
  /**
   * The shop's own PromptPay ID (10-digit phone, 13-digit national/tax ID or 15-digit e-wallet), for
   * hand-confirmed PromptPay QR codes; null until a manager sets it (the tender is then unavailable).
   */
  promptPayId: string | null;
  qrTimeoutSeconds: number;
  backupFolder: string | null;
  /** Local time of the daily backup, HH:MM; null = no scheduled backup. */
  backupTime: string | null;
}

export interface BackupInfo {
  file: string;
  bytes: number;
  createdAt: number;
  /** SQLite's own words ('ok', or what integrity_check found), for logs; screens read `check`. */
  integrity: 'ok' | string;
  /** The integrity check as a code the screens word: passed, damaged, or not checked (listed, not opened). */
  check?: BackupCheck;
}

export type BackupCheck = 'ok' | 'damaged' | 'not_checked';

export interface AuditEntryView {
  id: number;
  at: number;
  actor: string | null;
  action: string;
  saleId: string | null;
  detail: unknown;
}

/** A short code shown on the till; typed on a tablet to pair it as a customer display. */
export interface DisplayPairingCode {
  /** Six digits. */
  code: string;
  /** Epoch ms; the code is refused after this (and after its one use). */
  expiresAt: number;
}

/** What a display learns when it is paired: only its own name. */
export interface DisplayPairingResult {
  name: string;
}

/** A customer display paired with this till (browser mode, a tablet on the shop's network). */
export interface PairedDisplay {
  displayId: string;
  name: string;
  pairedAt: number;
  /** The cashier who asked for the code it used. */
  pairedBy: string | null;
  lastSeen: number;
}

/** A pay-in or pay-out of the drawer during a shift, with its reason. */
export interface CashMovement {
  id: string;
  kind: 'pay_in' | 'pay_out';
  amount: number;
  reason: string;
  actor: string | null;
  createdAt: number;
}

/** The drawer's cash in a shift: expected = float + cashSales + payIns − payOuts − cashRefunds. */
export interface ShiftCash {
  float: number;
  cashSales: AmountCount;
  payIns: number;
  payOuts: number;
  cashRefunds: AmountCount;
  expected: number;
}

/** A till's shift: opened with a float, closed with the counted cash. */
export interface Shift {
  id: string;
  tillId: string;
  /** 1, 2, 3… per till. */
  number: number;
  openedAt: number;
  openedBy: string | null;
  closedAt: number | null;
  closedBy: string | null;
  /** Expected cash now (open) or at the close (closed: frozen with the count). */
  cash: ShiftCash;
  movements: CashMovement[];
  /** What was counted at the close; null while open. */
  countedCash: number | null;
  /** countedCash − cash.expected: positive over, negative short; null while open. */
  overShort: number | null;
  closeNote: string | null;
}

/**
 * The numbered close of one till's business day. Written once, when a manager closes the day, and never
 * changed: a later refund or correction shows on the day it happens.
 */
export interface ZReport extends ReportTotals {
  id: string;
  /** 1, 2, 3… per till, without gaps. */
  number: number;
  tillId: string;
  /** The business day, YYYY-MM-DD in `timeZone` (from its start hour). */
  date: string;
  shopName: string;
  timeZone: string;
  dayStartHour: number;
  startsAt: number;
  endsAt: number;
  mode: 'demo' | 'test' | 'live' | null;
  account: string | null;
  /** The shifts of that day on this till (all closed), with their cash. */
  shifts: Shift[];
  /** The shifts' cash added up. */
  cash: ShiftCash;
  countedCash: number;
  overShort: number;
  createdAt: number;
  createdBy: string | null;
}

/** A Z report's PDF: saved on the desktop (filePath), or downloaded by the browser that asked (downloadUrl). */
export interface ZReportFile {
  fileName: string;
  filePath: string | null;
  downloadUrl: string | null;
}

/** A Z report in a list: enough to find it. */
export interface ZReportSummary {
  id: string;
  number: number;
  tillId: string;
  date: string;
  net: number;
  createdAt: number;
  createdBy: string | null;
}
