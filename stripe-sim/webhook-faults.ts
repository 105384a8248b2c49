import { invalidRequest } from './stripe-errors';

/**
 * Webhook delivery faults, decided once per event (for every endpoint it goes to):
 * - drop:      the event is never delivered (it is still in GET /v1/events, for reconciliation).
 * - duplicate: the event is delivered twice (two independent deliveries, same event id).
 * - delay_ms:  every delivery attempt of the event waits this long first.
 * - reorder:   hold the next N events, then deliver the whole batch in reverse order, one event
 *              after the other (one shot; `flush` releases a partial batch).
 * `drop` and `duplicate` take `{next: N}` (the next N events: deterministic) or
 * `{probability: p}` / a bare number p in [0, 1] (seeded PRNG: `seed`, default 1).
 * `delay_ms` takes a number (every event until cleared) or `{ms, next}` (the next N events).
 * `null` switches one knob off; `clear` switches everything off and releases held events.
 */
export type WebhookFaultChance = number | { next: number } | { probability: number };

export interface WebhookFaultSettings {
  drop?: WebhookFaultChance | null;
  duplicate?: WebhookFaultChance | null;
  delay_ms?: number | { ms: number; next?: number } | null;
  reorder?: number | { hold: number } | null;
  seed?: number;
  /** true: switch every fault off (and release held events) before applying the rest. */
  clear?: boolean;
}

export interface WebhookFaultSnapshot {
  drop: { next: number } | { probability: number } | null;
  duplicate: { next: number } | { probability: number } | null;
  delay_ms: { ms: number; next: number | null } | null;
  reorder: { hold: number; held: number } | null;
  seed: number;
}

export interface WebhookFaultDecision {
  drop: boolean;
  duplicate: boolean;
  delayMs: number;
}

type Chance = { next: number } | { probability: number };

const MAX_DELAY_MS = 24 * 60 * 60 * 1000;

export class WebhookFaults {
  private drop: Chance | null = null;
  private duplicate: Chance | null = null;
  private delay: { ms: number; next: number | null } | null = null;
  private reorderHold: number | null = null;
  private held: ((position: number) => void)[] = [];
  private seed = 1;
  private random = mulberry32(1);

  set(settings: WebhookFaultSettings): WebhookFaultSnapshot {
    if (!settings || typeof settings !== 'object' || Array.isArray(settings))
      throw invalidRequest(undefined, 'Send a JSON object of webhook faults.', undefined);
    const known = ['drop', 'duplicate', 'delay_ms', 'reorder', 'seed', 'clear'];
    const unknown = Object.keys(settings).find((k) => !known.includes(k));
    if (unknown) throw invalidRequest('parameter_unknown', `Unknown webhook fault ${unknown}; use ${known.join(', ')}.`, unknown);
    // Validate everything before changing anything.
    const drop = settings.drop === undefined ? undefined : parseChance('drop', settings.drop);
    const duplicate = settings.duplicate === undefined ? undefined : parseChance('duplicate', settings.duplicate);
    const delay = settings.delay_ms === undefined ? undefined : parseDelay(settings.delay_ms);
    const reorder = settings.reorder === undefined ? undefined : parseReorder(settings.reorder);
    if (settings.seed !== undefined && !Number.isSafeInteger(settings.seed))
      throw invalidRequest(undefined, 'seed must be an integer.', 'seed');
    if (settings.clear !== undefined && typeof settings.clear !== 'boolean')
      throw invalidRequest(undefined, 'clear must be true or false.', 'clear');

    if (settings.clear) this.clear();
    if (drop !== undefined) this.drop = drop;
    if (duplicate !== undefined) this.duplicate = duplicate;
    if (delay !== undefined) this.delay = delay;
    if (reorder !== undefined) {
      this.reorderHold = reorder;
      if (reorder === null) this.flush();
    }
    if (settings.seed !== undefined) {
      this.seed = settings.seed;
      this.random = mulberry32(settings.seed);
    }
    return this.snapshot();
  }

  /** Switches every fault off and releases any held events. */
  clear(): WebhookFaultSnapshot {
    this.drop = null;
    this.duplicate = null;
    this.delay = null;
    this.reorderHold = null;
    this.flush();
    return this.snapshot();
  }

  snapshot(): WebhookFaultSnapshot {
    return {
      drop: this.drop && { ...this.drop },
      duplicate: this.duplicate && { ...this.duplicate },
      delay_ms: this.delay && { ...this.delay },
      reorder: this.reorderHold === null ? null : { hold: this.reorderHold, held: this.held.length },
      seed: this.seed,
    };
  }

  /** Consumes the faults that apply to the next event. */
  decide(): WebhookFaultDecision {
    const drop = this.roll('drop');
    const duplicate = !drop && this.roll('duplicate');
    let delayMs = 0;
    if (!drop && this.delay) {
      delayMs = this.delay.ms;
      if (this.delay.next !== null && --this.delay.next <= 0) this.delay = null;
    }
    return { drop, duplicate, delayMs };
  }

  /**
   * While reorder is on, keeps `release` back and returns true; the event that completes the
   * batch releases them all, newest first, and switches reorder off.
   */
  hold(release: (position: number) => void): boolean {
    if (this.reorderHold === null) return false;
    this.held.push(release);
    if (this.held.length >= this.reorderHold) {
      this.reorderHold = null;
      this.flush();
    }
    return true;
  }

  /** Releases held events now, newest first (`position` 0 is the newest). */
  flush(): number {
    const batch = this.held.reverse();
    this.held = [];
    batch.forEach((release, position) => release(position));
    return batch.length;
  }

  /** Forgets held events without delivering them (the simulator is closing). */
  discardHeld(): void {
    this.held = [];
  }

  private roll(knob: 'drop' | 'duplicate'): boolean {
    const chance = this[knob];
    if (!chance) return false;
    if ('probability' in chance) return this.random() < chance.probability;
    chance.next -= 1;
    if (chance.next <= 0) this[knob] = null;
    return true;
  }
}

function parseChance(name: string, value: unknown): Chance | null {
  if (value === null) return null;
  if (typeof value === 'number') return parseChance(name, { probability: value });
  const bad = () =>
    invalidRequest(undefined, `${name} must be {"next": <positive integer>}, {"probability": <0..1>}, a probability, or null.`, name);
  if (!value || typeof value !== 'object') throw bad();
  const keys = Object.keys(value);
  const object = value as Record<string, unknown>;
  if (keys.length === 1 && keys[0] === 'next' && Number.isInteger(object.next) && (object.next as number) >= 1)
    return { next: object.next as number };
  if (keys.length === 1 && keys[0] === 'probability' && typeof object.probability === 'number' && object.probability >= 0 && object.probability <= 1)
    return object.probability === 0 ? null : { probability: object.probability };
  throw bad();
}

function parseDelay(value: unknown): { ms: number; next: number | null } | null {
  if (value === null || value === 0) return null;
  const bad = () =>
    invalidRequest(undefined, `delay_ms must be milliseconds (0..${MAX_DELAY_MS}), {"ms": <ms>, "next": <positive integer>}, or null.`, 'delay_ms');
  const validMs = (ms: unknown): ms is number => Number.isInteger(ms) && (ms as number) >= 0 && (ms as number) <= MAX_DELAY_MS;
  if (validMs(value)) return { ms: value, next: null };
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad();
  const { ms, next, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !validMs(ms)) throw bad();
  if (next !== undefined && (!Number.isInteger(next) || (next as number) < 1)) throw bad();
  return { ms, next: (next as number | undefined) ?? null };
}

function parseReorder(value: unknown): number | null {
  if (value === null) return null;
  const hold = typeof value === 'object' && value && !Array.isArray(value) ? (value as { hold?: unknown }).hold : value;
  if (!Number.isInteger(hold) || (hold as number) < 2 || (hold as number) > 1000)
    throw invalidRequest(undefined, 'reorder must be {"hold": <2..1000>} (hold that many events, then deliver them newest first), or null.', 'reorder');
  return hold as number;
}

/** Small seeded PRNG, so probabilistic faults repeat exactly for a given seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
