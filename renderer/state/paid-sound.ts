// Decides when a screen makes the sound of being paid: exactly once per sale that becomes paid while
// this screen watches, and the other tone once per QR attempt that fails or expires. Copies of a sale
// reach a screen many times and in any order (push and polling both report it, a stale update
// arrives late, the screen reconnects and re-reads, the page reloads), so the decision is made from
// what this screen has already seen of each sale, remembered in sessionStorage (bounded), never from
// one copy alone.
import type { Lang } from '../../shared/i18n/translate';
import type { SoundSettings } from '../../shared/receipt';
import type { Sale } from '../../shared/sale';
import { SALE_STAGE, type SaleStatus } from '../../shared/sale-status';

export type SoundCue = 'paid' | 'failed';

export interface Announcement {
  cue: SoundCue;
  sale: Sale;
}

/** How many sales a screen remembers (a busy till sells a few hundred a day; a reload is minutes). */
export const REMEMBERED_SALES = 200;

/** What a screen remembers of one sale: its latest state seen, and which sounds it already made. */
interface Seen {
  status: SaleStatus;
  qrAttempt: number | null;
  qrExpiresAt: number | null;
  /** 'paid', or 'failed:<attempt>' (a New QR may fail again: that is a new failure to hear). */
  announced: string[];
}

/** The part of Web Storage used (sessionStorage in a page; any map in tests). */
export interface SoundMemoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Later QR attempt (> 0), earlier (< 0) or the same. The attempt number when both copies carry it,
 * else the QR's expiry, which the core sets once per attempt and later for each New QR.
 */
function compareAttempt(a: Pick<Seen, 'qrAttempt' | 'qrExpiresAt'>, b: Pick<Seen, 'qrAttempt' | 'qrExpiresAt'>): number {
  if (a.qrAttempt !== null && b.qrAttempt !== null) return Math.sign(a.qrAttempt - b.qrAttempt);
  if (a.qrExpiresAt !== null && b.qrExpiresAt !== null) return Math.sign(a.qrExpiresAt - b.qrExpiresAt);
  return 0;
}

/**
 * Which sound a status deserves. A Stripe sale and a hand-confirmed PromptPay sale chime when paid (the
 * customer and the cashier both want to hear the bank's money arrive). A cash sale makes none: the
 * cashier is holding the money and pressed the key that completed it, and a chime for every cash sale
 * would teach staff to stop listening to the one that matters. A cancel is the cashier's own act.
 */
export function cueFor(sale: Pick<Sale, 'status' | 'tender'>): SoundCue | null {
  if (sale.status === 'succeeded') return sale.tender === 'cash' ? null : 'paid';
  if (sale.status === 'failed' || sale.status === 'expired') return sale.tender === 'cash' ? null : 'failed';
  return null;
}

/** Whether the settings make any sound: the chime switch is the master switch, volume 0 is silence. */
export function soundOn(settings: SoundSettings | null): settings is SoundSettings {
  return settings !== null && settings.chime && settings.volume > 0;
}

export interface PaidSoundJudge {
  /**
   * One copy of a sale as this screen received it (an event, a read, a call's answer). Answers the
   * sound to make now, or null. A sale this screen sees for the first time is only remembered: a sale
   * already paid when the screen opened was not paid in front of it.
   */
  see(sale: Sale): Announcement | null;
  /** Whether this screen has seen the sale before (a new one may be worth re-reading the settings for). */
  knows(saleId: string): boolean;
}

export function createPaidSoundJudge(options: { storage?: SoundMemoryStorage | null; storageKey: string; limit?: number }): PaidSoundJudge {
  const limit = options.limit ?? REMEMBERED_SALES;
  const storage = options.storage ?? null;
  const memory = new Map<string, Seen>(restore(storage, options.storageKey));

  const persist = (): void => {
    if (!storage) return;
    try {
      storage.setItem(options.storageKey, JSON.stringify([...memory]));
    } catch {
      // Storage full or refused: the memory of this page still holds, only a reload may forget.
    }
  };

  const remember = (id: string, seen: Seen): void => {
    memory.delete(id); // re-inserted last: the oldest-seen sale is the one forgotten
    memory.set(id, seen);
    while (memory.size > limit) {
      const oldest = memory.keys().next().value;
      if (oldest === undefined) break;
      memory.delete(oldest);
    }
    persist();
  };

  return {
    knows: (saleId) => memory.has(saleId),
    see(sale) {
      const incoming = { qrAttempt: sale.qrAttempt ?? null, qrExpiresAt: sale.qrExpiresAt };
      const known = memory.get(sale.id);
      if (!known) {
        remember(sale.id, { status: sale.status, ...incoming, announced: [] });
        return null;
      }
      const attempt = compareAttempt(incoming, known);
      // An earlier attempt's copy, or a stage this attempt has already passed: stale, nothing to hear.
      if (attempt < 0 || (attempt === 0 && SALE_STAGE[sale.status] < SALE_STAGE[known.status])) return null;
      const changed = attempt > 0 || sale.status !== known.status;
      const cue = cueFor(sale);
      const key = cue === 'paid' ? 'paid' : `failed:${incoming.qrAttempt ?? incoming.qrExpiresAt ?? 0}`;
      const announce = changed && cue !== null && !known.announced.includes(key);
      const next: Seen = {
        status: sale.status,
        qrAttempt: incoming.qrAttempt ?? known.qrAttempt,
        qrExpiresAt: incoming.qrExpiresAt ?? known.qrExpiresAt,
        announced: announce ? [...known.announced, key] : known.announced,
      };
      if (changed || announce) remember(sale.id, next);
      return announce && cue ? { cue, sale } : null;
    },
  };
}

function restore(storage: SoundMemoryStorage | null, key: string): [string, Seen][] {
  if (!storage) return [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (entry): entry is [string, Seen] =>
        Array.isArray(entry) &&
        typeof entry[0] === 'string' &&
        typeof entry[1] === 'object' &&
        entry[1] !== null &&
        typeof (entry[1] as Seen).status === 'string' &&
        (entry[1] as Seen).status in SALE_STAGE &&
        Array.isArray((entry[1] as Seen).announced),
    );
  } catch {
    return []; // unreadable memory: start afresh (at worst a sale paid across the reload is not heard)
  }
}

/** Makes the sound: the page's Web Audio player in the screens, a recorder in tests. */
export type SoundOutput = (announcement: Announcement, settings: SoundSettings, lang: Lang) => void;

export interface PaidSound {
  /** Any copy of a sale this screen received. */
  see(sale: Sale): void;
}

/**
 * The judge, the shop's settings and the output together: a decided sound plays only when the
 * settings (read at that moment, so a change in Settings applies at once) are on. A muted sale still
 * counts as announced: turning the sound on later never replays it.
 */
export function createPaidSound(options: {
  judge: PaidSoundJudge;
  settings: () => SoundSettings | null;
  lang: () => Lang;
  output: SoundOutput;
  /** Called with a sale seen for the first time (the customer display re-reads the settings then). */
  onNewSale?: (sale: Sale) => void;
}): PaidSound {
  return {
    see(sale) {
      if (!options.judge.knows(sale.id)) options.onNewSale?.(sale);
      const announcement = options.judge.see(sale);
      if (!announcement) return;
      const settings = options.settings();
      if (soundOn(settings)) options.output(announcement, settings, options.lang());
    },
  };
}

/** This page's sessionStorage, or none where the page may not use it. */
export function pageSessionStorage(): SoundMemoryStorage | null {
  try {
    return (globalThis as { sessionStorage?: SoundMemoryStorage }).sessionStorage ?? null;
  } catch {
    return null;
  }
}
