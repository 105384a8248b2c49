// Reads and writes sales and their event timeline. Status changes go through PaymentService's
// transition function only; this module just persists what it decided.
import type { Statement } from 'better-sqlite3';
import type { SaleLine } from '../../../shared/catalog';
import type { Sale } from '../../../shared/sale';
import type { PaymentIntentStatus, SaleStatus } from '../../../shared/sale-status';
import type { Tender } from '../../../shared/tender';
import type { LedgerDb } from './open-ledger';

export type CancelIntent = 'cashier' | 'timeout' | 'api' | 'interrupted';

/** A sale as stored, with the fields the screens never see. */
export interface SaleRecord extends Sale {
  email: string;
  metadata: Record<string, string>;
  cancelIntent: CancelIntent | null;
  /** The signed-in cashier who rang the sale up (null for REST sales); `cashier` holds the name. */
  cashierId?: string | null;
  /** The caller's idempotency key, namespaced ('rest:<Idempotency-Key>', 'till:<requestId>'); null without one. */
  requestKey?: string | null;
  /** The Stripe mode and account the sale was taken in (the ledger's binding at insert; null: before modes were kept). */
  mode?: 'demo' | 'test' | 'live' | null;
  account?: string | null;
  /** The shift open on the till when the sale was rung up (cash sales always have one). */
  shiftId?: string | null;
  /** Stripe's fee for a paid PromptPay sale (satang), from its balance transaction; null until known. */
  stripeFee?: number | null;
  /** Who confirmed a hand-confirmed PromptPay sale (the cashier's word). */
  confirmedBy?: string | null;
}

export interface NewSale {
  id: string;
  amount: number;
  description: string | null;
  orderRef: string | null;
  email: string;
  metadata: Record<string, string>;
  source: 'till' | 'api';
  tillId: string;
  cashier: string | null;
  cashierId?: string | null;
  /** Namespaced caller key; a second insert with the same key finds the first sale instead. */
  requestKey?: string | null;
  /** Defaults to 'promptpay' (through Stripe). */
  tender?: Tender;
  cashTendered?: number | null;
  shiftId?: string | null;
  /** The ticket, saved with the sale in the same transaction (the caller checked it adds up to amount). */
  lines?: readonly SaleLineInput[];
  createdAt: number;
}

/** A ticket line as the till sends it (its amount is unitPrice × quantity). */
export interface SaleLineInput {
  itemId?: string | null;
  name: string;
  unitPrice: number;
  quantity: number;
}

export interface SaleEventRow {
  id: number;
  saleId: string;
  at: number;
  source: string;
  kind: string;
  fromStatus: SaleStatus | null;
  toStatus: SaleStatus | null;
  applied: boolean;
  detail: unknown;
}

interface SaleRow {
  id: string;
  amount: number;
  currency: 'thb';
  description: string | null;
  order_ref: string | null;
  email: string;
  metadata: string;
  status: SaleStatus;
  payment_intent_id: string | null;
  payment_intent_status: PaymentIntentStatus | null;
  qr_data: string | null;
  qr_image_url: string | null;
  qr_expires_at: number | null;
  failure_code: string | null;
  cancel_intent: CancelIntent | null;
  flagged: number;
  flag_reason: string | null;
  source: 'till' | 'api';
  till_id: string;
  cashier: string | null;
  cashier_id: string | null;
  request_key: string | null;
  mode: 'demo' | 'test' | 'live' | null;
  account: string | null;
  tender: Tender;
  cash_tendered: number | null;
  confirmed_by: string | null;
  shift_id: string | null;
  stripe_fee: number | null;
  receipt_no: number | null;
  created_at: number;
  updated_at: number;
}

function fromRow(row: SaleRow): SaleRecord {
  return {
    id: row.id,
    amount: row.amount,
    currency: row.currency,
    description: row.description,
    orderRef: row.order_ref,
    tender: row.tender,
    cashTendered: row.cash_tendered,
    email: row.email,
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    status: row.status,
    paymentIntentId: row.payment_intent_id,
    paymentIntentStatus: row.payment_intent_status,
    qrData: row.qr_data,
    qrImageUrl: row.qr_image_url,
    qrExpiresAt: row.qr_expires_at,
    failureCode: row.failure_code,
    cancelIntent: row.cancel_intent,
    flagged: row.flagged === 1,
    flagReason: row.flag_reason,
    source: row.source,
    receiptNo: row.receipt_no,
    tillId: row.till_id,
    cashier: row.cashier,
    cashierId: row.cashier_id,
    requestKey: row.request_key,
    mode: row.mode,
    account: row.account,
    shiftId: row.shift_id,
    stripeFee: row.stripe_fee,
    confirmedBy: row.confirmed_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What leaves the core: the record without the email, metadata and internal intent. */
export function toPublicSale(record: SaleRecord): Sale {
  const {
    email: _email, metadata: _metadata, cancelIntent: _cancelIntent, cashierId: _cashierId, requestKey: _requestKey, mode: _mode, account: _account,
    shiftId: _shiftId, stripeFee: _stripeFee, confirmedBy: _confirmedBy, ...sale
  } = record;
  return sale;
}

/** The columns a transition may change. */
export type SalePatch = Partial<
  Pick<
    SaleRecord,
    | 'status'
    | 'paymentIntentId'
    | 'paymentIntentStatus'
    | 'qrData'
    | 'qrImageUrl'
    | 'qrExpiresAt'
    | 'failureCode'
    | 'cancelIntent'
    | 'flagged'
    | 'flagReason'
    | 'stripeFee'
    | 'confirmedBy'
  >
>;

const PATCH_COLUMNS: Record<keyof SalePatch, string> = {
  status: 'status',
  paymentIntentId: 'payment_intent_id',
  paymentIntentStatus: 'payment_intent_status',
  qrData: 'qr_data',
  qrImageUrl: 'qr_image_url',
  qrExpiresAt: 'qr_expires_at',
  failureCode: 'failure_code',
  cancelIntent: 'cancel_intent',
  flagged: 'flagged',
  flagReason: 'flag_reason',
  stripeFee: 'stripe_fee',
  confirmedBy: 'confirmed_by',
};

export class SalesRepository {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byPiStmt;
  private readonly byRequestKeyStmt;
  private readonly recentStmt;
  private readonly unfinishedStmt;
  private readonly insertEventStmt;
  private readonly eventsStmt;
  private readonly insertLineStmt;
  private readonly linesStmt;
  /** Statements built from their SQL once, on first use (a charge runs several; preparing each time cost ms). */
  private readonly prepared = new Map<string, Statement>();

  constructor(private readonly db: LedgerDb) {
    // Mode and account come from the ledger's binding, never from the caller: charges are refused while
    // the running key's mode/account differs from it (see manager/stripe-change.ts).
    this.insertStmt = db.prepare(`INSERT INTO sales
      (id, amount, currency, description, order_ref, email, metadata, status, source, till_id, cashier, cashier_id, request_key, mode, account,
       tender, cash_tendered, shift_id, created_at, updated_at)
      VALUES (@id, @amount, 'thb', @description, @orderRef, @email, @metadata, 'created', @source, @tillId, @cashier, @cashierId, @requestKey,
        (SELECT mode FROM stripe_binding WHERE id = 1), (SELECT account FROM stripe_binding WHERE id = 1),
        @tender, @cashTendered, @shiftId, @createdAt, @createdAt)
      ON CONFLICT (request_key) DO NOTHING`);
    this.byIdStmt = db.prepare('SELECT * FROM sales WHERE id = ?');
    this.byPiStmt = db.prepare('SELECT * FROM sales WHERE payment_intent_id = ?');
    this.byRequestKeyStmt = db.prepare('SELECT * FROM sales WHERE request_key = ?');
    this.recentStmt = db.prepare('SELECT * FROM sales WHERE till_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?');
    this.unfinishedStmt = db.prepare(
      "SELECT * FROM sales WHERE status IN ('created','awaiting_payment') ORDER BY created_at",
    );
    this.insertEventStmt = db.prepare(`INSERT INTO sale_events
      (sale_id, at, source, kind, from_status, to_status, applied, detail)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.eventsStmt = db.prepare('SELECT * FROM sale_events WHERE sale_id = ? ORDER BY id');
    this.insertLineStmt = db.prepare(`INSERT INTO sale_lines (sale_id, line_no, item_id, name, unit_price, quantity, amount)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.linesStmt = db.prepare('SELECT item_id, name, unit_price, quantity, amount FROM sale_lines WHERE sale_id = ? ORDER BY line_no');
  }

  private prepare(sql: string): Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  insert(sale: NewSale): SaleRecord {
    const { sale: saved, inserted } = this.insertOnce(sale);
    if (!inserted) throw new Error(`a sale with request key ${sale.requestKey} already exists`);
    return saved;
  }

  /**
   * Inserts the sale unless one with the same request key exists, atomically: the UNIQUE index decides,
   * so two concurrent requests with one key can never make two sales. Returns the sale that holds the key.
   */
  insertOnce(sale: NewSale): { sale: SaleRecord; inserted: boolean } {
    const requestKey = sale.requestKey ?? null;
    const inserted = this.db.transaction(() => {
      const result = this.insertStmt.run({
        ...sale, cashierId: sale.cashierId ?? null, requestKey, metadata: JSON.stringify(sale.metadata),
        tender: sale.tender ?? 'promptpay', cashTendered: sale.cashTendered ?? null, shiftId: sale.shiftId ?? null,
      });
      if (result.changes === 0) return false;
      sale.lines?.forEach((line, index) => {
        this.insertLineStmt.run(sale.id, index + 1, line.itemId ?? null, line.name, line.unitPrice, line.quantity, line.unitPrice * line.quantity);
      });
      this.recordEvent(sale.id, sale.createdAt, sale.source, 'sale.created', null, 'created', true, {
        amount: sale.amount,
        cashier: sale.cashier,
        ...(sale.tender && sale.tender !== 'promptpay' ? { tender: sale.tender } : {}),
        ...(sale.cashTendered != null ? { cashTendered: sale.cashTendered } : {}),
      });
      return true;
    }).immediate();
    if (inserted) return { sale: this.get(sale.id)!, inserted: true };
    return { sale: this.getByRequestKey(requestKey!)!, inserted: false };
  }

  /** The sale's ticket lines in order (empty for an amount keyed in). */
  lines(saleId: string): SaleLine[] {
    return (this.linesStmt.all(saleId) as { item_id: string | null; name: string; unit_price: number; quantity: number; amount: number }[]).map((row) => ({
      itemId: row.item_id,
      name: row.name,
      unitPrice: row.unit_price,
      quantity: row.quantity,
      amount: row.amount,
    }));
  }

  getByRequestKey(requestKey: string): SaleRecord | null {
    const row = this.byRequestKeyStmt.get(requestKey) as SaleRow | undefined;
    return row ? fromRow(row) : null;
  }

  get(id: string): SaleRecord | null {
    const row = this.byIdStmt.get(id) as SaleRow | undefined;
    return row ? fromRow(row) : null;
  }

  getByPaymentIntent(paymentIntentId: string): SaleRecord | null {
    const row = this.byPiStmt.get(paymentIntentId) as SaleRow | undefined;
    return row ? fromRow(row) : null;
  }

  recent(tillId: string, limit: number): SaleRecord[] {
    return (this.recentStmt.all(tillId, limit) as SaleRow[]).map(fromRow);
  }

  unfinished(): SaleRecord[] {
    return (this.unfinishedStmt.all() as SaleRow[]).map(fromRow);
  }

  /**
   * Sales that ended expired or failed since `since` (ms) whose PaymentIntent Stripe still keeps alive:
   * a payment may still arrive for them (the customer scanned just before the QR timeout).
   */
  closedWithLivePaymentIntent(since: number): SaleRecord[] {
    // INDEXED BY: a range on the small partial index, not a walk over every expired sale ever.
    const rows = this.prepare(`SELECT * FROM sales INDEXED BY sales_recently_closed WHERE status IN ('expired','failed') AND updated_at >= ?
      AND payment_intent_id IS NOT NULL AND coalesce(payment_intent_status, '') NOT IN ('canceled','succeeded') ORDER BY updated_at`).all(since) as SaleRow[];
    return rows.map(fromRow);
  }

  /** The sale's current QR attempt (1 until a New QR). */
  qrAttempt(saleId: string): { attempt: number; startedAt: number } {
    const row = this.prepare('SELECT attempt, started_at FROM qr_attempts WHERE sale_id = ? ORDER BY attempt DESC LIMIT 1').get(saleId) as
      | { attempt: number; started_at: number }
      | undefined;
    return row ? { attempt: row.attempt, startedAt: row.started_at } : { attempt: 1, startedAt: 0 };
  }

  /** Starts QR attempt `attempt` and applies the transition that shows its QR, atomically. */
  startQrAttempt(id: string, attempt: number, patch: SalePatch, at: number, event: { source: string; kind: string; fromStatus: SaleStatus; detail?: unknown }): SaleRecord {
    return this.db.transaction(() => {
      this.prepare('INSERT INTO qr_attempts (sale_id, attempt, started_at) VALUES (?, ?, ?)').run(id, attempt, at);
      return this.update(id, patch, at, event);
    })();
  }

  /** Applies a patch and records the event that caused it, atomically. */
  update(
    id: string,
    patch: SalePatch,
    at: number,
    event: { source: string; kind: string; fromStatus: SaleStatus; detail?: unknown },
  ): SaleRecord {
    const keys = Object.keys(patch) as (keyof SalePatch)[];
    this.db.transaction(() => {
      if (keys.length > 0) {
        const assignments = keys.map((key) => `${PATCH_COLUMNS[key]} = @${key}`).join(', ');
        const values: Record<string, unknown> = { id, updatedAt: at };
        for (const key of keys) values[key] = key === 'flagged' ? (patch.flagged ? 1 : 0) : patch[key];
        // paid_at: when the money arrived, for the report's payment list.
        const paidAt = patch.status === 'succeeded' ? ', paid_at = @updatedAt' : '';
        this.prepare(`UPDATE sales SET ${assignments}${paidAt}, updated_at = @updatedAt WHERE id = @id`).run(values);
      }
      this.recordEvent(id, at, event.source, event.kind, event.fromStatus, patch.status ?? event.fromStatus, true, event.detail);
    })();
    return this.get(id)!;
  }

  /** Records an input that changed nothing (stale, duplicate or backward), so the timeline shows it. */
  recordIgnored(id: string, at: number, source: string, kind: string, status: SaleStatus, detail?: unknown): void {
    this.recordEvent(id, at, source, kind, status, status, false, detail);
  }

  events(saleId: string): SaleEventRow[] {
    return (this.eventsStmt.all(saleId) as Record<string, unknown>[]).map((row) => ({
      id: row.id as number,
      saleId: row.sale_id as string,
      at: row.at as number,
      source: row.source as string,
      kind: row.kind as string,
      fromStatus: row.from_status as SaleStatus | null,
      toStatus: row.to_status as SaleStatus | null,
      applied: row.applied === 1,
      detail: row.detail === null ? null : JSON.parse(row.detail as string),
    }));
  }

  private recordEvent(
    saleId: string,
    at: number,
    source: string,
    kind: string,
    fromStatus: SaleStatus | null,
    toStatus: SaleStatus | null,
    applied: boolean,
    detail: unknown,
  ): void {
    this.insertEventStmt.run(saleId, at, source, kind, fromStatus, toStatus, applied ? 1 : 0, detail === undefined ? null : JSON.stringify(detail));
  }
}
