// Where head office keeps the tills' sales: one interface, two stores (the embedded SQLite file by
// default, PostgreSQL when the relay runs on it). Both run store-sql.ts's text.
import type { Mode, SaleStatus, Tender, WireSale } from './wire-schema';

export interface TillRef {
  shopId: string;
  tillId: string;
}

export interface UpsertResult {
  /** Sales whose newer version was stored. */
  stored: number;
  /** Sales the store already had at this version or a newer one (a re-sent batch). */
  unchanged: number;
}

/** count and amount of one (shop, till, business day, status, tender) group. */
export interface GroupRow {
  shopId: string;
  tillId: string;
  businessDate: string;
  status: string;
  tender: Tender;
  count: number;
  amount: number;
}

export interface TillRow {
  shopId: string;
  tillId: string;
  timeZone: string;
  dayStartHour: number;
  lastReceivedAt: number;
}

export interface ExportRow {
  shopId: string;
  tillId: string;
  saleId: string;
  businessDate: string;
  createdAt: number;
  paidAt: number | null;
  timeZone: string;
  cashier: string | null;
  tender: Tender;
  status: SaleStatus;
  amount: number;
  refunded: number;
  mode: Mode;
}

export interface ExportCursor {
  businessDate: string;
  shopId: string;
  tillId: string;
  createdAt: number;
  saleId: string;
}

export const EXPORT_START: ExportCursor = { businessDate: '', shopId: '', tillId: '', createdAt: -1, saleId: '' };

export interface DayRange {
  mode: Mode;
  from: string;
  to: string;
}

export interface HeadOfficeStore {
  /** Stores each sale's newer version (and its refunds) in one transaction; all of the batch or none. */
  upsertSales(till: TillRef, sales: readonly WireSale[], receivedAt: number): Promise<UpsertResult>;
  saleGroups(range: DayRange): Promise<GroupRow[]>;
  /** Counted refunds only (pending, waiting on the customer, paid out), by their own business day. */
  refundGroups(range: DayRange): Promise<GroupRow[]>;
  tills(): Promise<TillRow[]>;
  exportPage(range: DayRange, after: ExportCursor, limit: number): Promise<ExportRow[]>;
  close(): Promise<void>;
}

/** The values of SQL.upsertSale, in order. */
export function saleParams(till: TillRef, sale: WireSale, receivedAt: number): unknown[] {
  return [
    till.shopId, till.tillId, sale.id, sale.version, sale.cashierId, sale.cashier, sale.amount, sale.currency, sale.tender, sale.status,
    sale.mode, sale.account, sale.createdAt, sale.paidAt, sale.updatedAt, sale.businessDate, sale.timeZone, sale.dayStartHour, receivedAt,
  ];
}

/** The values of SQL.insertRefund for each of the sale's refunds, in order. */
export function refundParams(till: TillRef, sale: WireSale): unknown[][] {
  return sale.refunds.map((refund) => [
    till.shopId, till.tillId, refund.id, sale.id, refund.amount, refund.status, refund.tender, sale.mode, refund.createdAt, refund.businessDate,
  ]);
}

/** The till's zone and day start as its newest sale in the batch says. */
export function tillParams(till: TillRef, sales: readonly WireSale[], receivedAt: number): unknown[] {
  const newest = sales.reduce((a, b) => (b.version > a.version ? b : a));
  return [till.shopId, till.tillId, newest.timeZone, newest.dayStartHour, receivedAt];
}

interface RawGroup {
  shop_id: string;
  till_id: string;
  business_date: string;
  status: string;
  tender: Tender;
  count: number | string;
  amount: number | string;
}

/** PostgreSQL answers count and sum of BIGINT as strings: every number goes through Number. */
export function toGroup(row: RawGroup): GroupRow {
  return { shopId: row.shop_id, tillId: row.till_id, businessDate: row.business_date, status: row.status, tender: row.tender, count: Number(row.count), amount: Number(row.amount) };
}

export function toTill(row: { shop_id: string; till_id: string; time_zone: string; day_start_hour: number | string; last_received_at: number | string }): TillRow {
  return { shopId: row.shop_id, tillId: row.till_id, timeZone: row.time_zone, dayStartHour: Number(row.day_start_hour), lastReceivedAt: Number(row.last_received_at) };
}

export function toExportRow(row: Record<string, unknown>): ExportRow {
  return {
    shopId: row.shop_id as string,
    tillId: row.till_id as string,
    saleId: row.sale_id as string,
    businessDate: row.business_date as string,
    createdAt: Number(row.created_at),
    paidAt: row.paid_at === null ? null : Number(row.paid_at),
    timeZone: row.time_zone as string,
    cashier: row.cashier as string | null,
    tender: row.tender as Tender,
    status: row.status as SaleStatus,
    amount: Number(row.amount),
    refunded: Number(row.refunded),
    mode: row.mode as Mode,
  };
}

export function exportParams(range: DayRange, after: ExportCursor, limit: number): unknown[] {
  return [range.mode, range.from, range.to, after.businessDate, after.shopId, after.tillId, after.createdAt, after.saleId, limit];
}

export class HeadOfficeStoreVersionError extends Error {}
