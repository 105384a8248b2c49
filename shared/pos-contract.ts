// The whole contract between the screens and the core: every operation (with one input schema each)
// and every event. Both transports (Electron IPC and HTTP + server-sent events) are derived from it.
import { z } from 'zod';
import { MAX_CHARGE_SATANG, MIN_CHARGE_SATANG } from './money';
import type { Sale } from './sale';
import type { PosResult } from './pos-error';

const saleId = z.string().regex(/^sale_[A-Za-z0-9]{8,40}$/, 'a sale id looks like sale_…');

export const chargeInput = z.strictObject({
  amount: z
    .number({ error: 'amount must be a number of satang' })
    .int('amount must be a whole number of satang')
    .min(MIN_CHARGE_SATANG, 'amount_too_small')
    .max(MAX_CHARGE_SATANG, 'amount_too_large'),
  description: z.string().trim().max(200).optional(),
  email: z.email().max(200).optional(),
  orderRef: z.string().trim().max(100).optional(),
});

export const saleRefInput = z.strictObject({ saleId });
export const listSalesInput = z.strictObject({
  limit: z.number().int().min(1).max(500).optional(),
});
export const emptyInput = z.strictObject({});
export const simulateInput = z.strictObject({
  saleId,
  outcome: z.enum(['succeed', 'fail', 'expire']),
});

export interface AppInfo {
  demo: boolean;
  shopName: string;
  tillId: string;
  qrTimeoutSeconds: number;
  version: string;
  /** The Stripe account mode, so the cashier knows whether real money moves. */
  mode: 'demo' | 'test' | 'live';
}

/** Operation name → input schema. The single source for both transports and for validation. */
export const posOperations = {
  'app.info': emptyInput,
  'sales.charge': chargeInput,
  'sales.cancel': saleRefInput,
  'sales.get': saleRefInput,
  'sales.list': listSalesInput,
  'sales.current': emptyInput,
  'demo.simulate': simulateInput,
} as const;

export type PosOperation = keyof typeof posOperations;
export type PosInput<K extends PosOperation> = z.input<(typeof posOperations)[K]>;
export type PosParsedInput<K extends PosOperation> = z.output<(typeof posOperations)[K]>;

export interface PosOutputs {
  'app.info': AppInfo;
  'sales.charge': Sale;
  'sales.cancel': Sale;
  'sales.get': Sale;
  'sales.list': Sale[];
  /** The sale the customer display should show: the newest one still awaiting payment or just finished. */
  'sales.current': Sale | null;
  'demo.simulate': Sale;
}

export interface PosEvents {
  'sale.updated': Sale;
}
export type PosEventName = keyof PosEvents;
export type PosEvent = { [K in PosEventName]: { type: K; data: PosEvents[K] } }[PosEventName];

/** The generic transport surface: one call, one event stream. */
export interface PosTransport {
  call<K extends PosOperation>(op: K, input: PosInput<K>): Promise<PosResult<PosOutputs[K]>>;
  subscribe(listener: (event: PosEvent) => void): () => void;
}
