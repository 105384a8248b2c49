import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FeeSchedule } from './fees';
import type { BalanceTransaction, Charge, PaymentIntent, PaymentMethod, Refund, StripeEvent } from './stripe-objects';

/** A saved response for an Idempotency-Key, replayed byte-for-byte on a retry. */
export interface IdempotencyRecord {
  endpoint: string; // e.g. "POST /v1/payment_intents" — Stripe binds a key to one endpoint
  fingerprint: string; // canonical JSON of the request params
  status: number;
  body: unknown;
  requestId: string;
  createdAt: number; // unix seconds
}

export interface SimStateData {
  version: 1;
  baseUrl: string | null; // the base URL the stored QR links were minted with
  paymentIntents: Record<string, PaymentIntent>;
  paymentMethods: Record<string, PaymentMethod>;
  charges: Record<string, Charge>; // created when a PaymentIntent succeeds (older state files: rebuilt on demand)
  refunds: Record<string, Refund>;
  /** Oldest first: one per paid charge and one per succeeded refund. */
  balanceTransactions: Record<string, BalanceTransaction>;
  /** The fee schedule set last (option, env or POST /_sim/fees); null = never set, the default applies. */
  fees: FeeSchedule | null;
  events: StripeEvent[]; // oldest first (insertion order breaks ties within one second)
  idempotency: Record<string, IdempotencyRecord>;
  /** QR attempts per PaymentIntent (absent = 1): each confirm after an expired or failed QR is a new attempt. */
  qrAttempts: Record<string, number>;
}

function emptyState(): SimStateData {
  return { version: 1, baseUrl: null, paymentIntents: {}, paymentMethods: {}, charges: {}, refunds: {}, balanceTransactions: {}, fees: null, events: [], idempotency: {}, qrAttempts: {} };
}

/**
 * All simulator state in one JSON-serialisable object. With a stateFile it is loaded at
 * start and rewritten atomically after every change, because Stripe never forgets a
 * PaymentIntent and a restarted demo till must be able to reconcile its sales.
 */
export class SimStore {
  data: SimStateData;

  constructor(private readonly stateFile: string | null) {
    this.data = stateFile ? loadStateFile(stateFile) : emptyState();
  }

  /** Persists the current state (no-op when running purely in memory). */
  commit(): void {
    if (!this.stateFile) return;
    writeFileAtomically(this.stateFile, JSON.stringify(this.data));
  }
}

function loadStateFile(file: string): SimStateData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  // A corrupt file is an error, not a fresh start: silently forgetting payments is worse.
  let parsed: Partial<SimStateData>;
  try {
    parsed = JSON.parse(text) as Partial<SimStateData>;
  } catch (error) {
    throw new Error(`stripe-sim: state file ${file} is not valid JSON (${(error as Error).message}); move it aside to start fresh`, {
      cause: error,
    });
  }
  if (parsed.version !== 1) throw new Error(`stripe-sim: state file ${file} has unsupported version ${String(parsed.version)}`);
  return { ...emptyState(), ...parsed } as SimStateData;
}

/** tmp file + fsync + rename: a crash leaves either the old or the new state, never half. */
function writeFileAtomically(file: string, contents: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
