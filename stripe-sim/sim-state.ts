import { readFileSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
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
 * A write waits for this long without changes (a sale's create, confirm and events, and the till's work
 * on the answer, go by first), but never more than MAX_UNSAVED_MS after the first unsaved change.
 */
const QUIET_MS = 100;
const MAX_UNSAVED_MS = 1_000;

/**
 * All simulator state in one JSON-serialisable object. With a stateFile it is loaded at start and
 * saved atomically after changes, because Stripe never forgets a PaymentIntent and a restarted demo
 * till must be able to reconcile its sales. Saving is off the request path: a change marks the state
 * dirty and one write, once changes pause, takes every change made meanwhile (the demo till embeds the
 * simulator, so a write inside a request held up the till's own work on the answer). Events and saved
 * idempotent responses never change once made, so each is serialised once (most of the file). `flush()`
 * (close) saves the last changes; a crash leaves the file as one of its complete writes.
 */
export class SimStore {
  data: SimStateData;
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private lastError: Error | null = null;
  private firstUnsavedAt: number | null = null;
  private madeDir = false;

  constructor(private readonly stateFile: string | null) {
    this.data = stateFile ? loadStateFile(stateFile) : emptyState();
  }

  /** Records that the state changed: it is saved shortly (no-op when running purely in memory). */
  commit(): void {
    if (!this.stateFile) return;
    this.dirty = true;
    if (this.writing) return; // the running write goes again for this change
    const now = Date.now();
    this.firstUnsavedAt ??= now;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.save();
      },
      Math.max(0, Math.min(QUIET_MS, this.firstUnsavedAt + MAX_UNSAVED_MS - now)),
    );
  }

  /** Saves every change made so far and resolves once it is on disk; rejects if the last write failed. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.writing || this.dirty) {
      await (this.writing ?? this.save());
      if (this.lastError) throw this.lastError;
    }
  }

  /** Writes the state as it is now, then again while changes came in during the write. */
  private save(): Promise<void> {
    this.writing ??= (async () => {
      try {
        while (this.dirty) {
          this.dirty = false;
          this.firstUnsavedAt = null;
          // Serialised now, in one go: the file is always one moment's whole state.
          const text = serialise(this.data);
          try {
            if (!this.madeDir) await mkdir(dirname(this.stateFile!), { recursive: true });
            this.madeDir = true;
            await writeFileAtomically(this.stateFile!, text);
            this.lastError = null;
          } catch (error) {
            // Kept dirty: the next change (or flush) writes again; flush reports the failure.
            this.dirty = true;
            this.lastError = error as Error;
            return;
          }
        }
      } finally {
        this.writing = null;
      }
    })();
    return this.writing;
  }
}

/** JSON of objects that never change once made (events, saved idempotent responses), made once each. */
const unchangingJson = new WeakMap<object, string>();

function jsonOnce(value: object): string {
  let json = unchangingJson.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    unchangingJson.set(value, json);
  }
  return json;
}

/** The state as JSON.stringify would write it (keys in another order), its unchanging parts from their cached JSON. */
function serialise(data: SimStateData): string {
  const { events, idempotency, ...rest } = data;
  const head = JSON.stringify(rest); // an object with keys: "{…}"
  const savedResponses = Object.keys(idempotency).map((key) => `${JSON.stringify(key)}:${jsonOnce(idempotency[key]!)}`);
  return `${head.slice(0, -1)},"events":[${events.map(jsonOnce).join(',')}],"idempotency":{${savedResponses.join(',')}}}`;
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
async function writeFileAtomically(file: string, contents: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}
