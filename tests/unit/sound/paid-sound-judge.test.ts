import { describe, expect, it } from 'vitest';
import { createPaidSound, createPaidSoundJudge, cueFor, REMEMBERED_SALES, type Announcement } from '../../../renderer/state/paid-sound';
import { DEFAULT_SOUND, type SoundSettings } from '../../../shared/receipt';
import type { Sale } from '../../../shared/sale';
import { makeSale } from '../renderer/fake-transport';
import { memoryStorage } from './memory-storage';

const KEY = 'test.paidSound';

/** One sale's life as copies: awaiting → paid, with qrAttempt like the payment service sends. */
function awaiting(overrides: Partial<Sale> = {}): Sale {
  return makeSale({ qrAttempt: 1, ...overrides });
}
const paid = (sale: Sale, at = 1): Sale => ({ ...sale, status: 'succeeded', paymentIntentStatus: 'succeeded', qrData: null, updatedAt: sale.updatedAt + at });
const expired = (sale: Sale, at = 1): Sale => ({ ...sale, status: 'expired', qrData: null, updatedAt: sale.updatedAt + at });
const renewed = (sale: Sale): Sale => ({
  ...sale,
  status: 'awaiting_payment',
  qrAttempt: (sale.qrAttempt ?? 1) + 1,
  qrExpiresAt: (sale.qrExpiresAt ?? 0) + 700_000,
  updatedAt: sale.updatedAt + 10,
});

const cues = (list: (Announcement | null)[]): string[] => list.filter((a): a is Announcement => a !== null).map((a) => `${a.cue}:${a.sale.id}`);

describe('paid sound: when a screen makes a sound', () => {
  it('chimes once when push and polling both report the payment, and not for a stale copy after it', () => {
    const judge = createPaidSoundJudge({ storageKey: KEY });
    const sale = awaiting();
    const heard = [
      judge.see(sale),
      judge.see(paid(sale, 5)), // the relay's push
      judge.see(paid(sale, 5)), // the watcher's poll, same state
      judge.see(paid(sale, 9)), // a later copy (receipt number written)
      judge.see({ ...sale, updatedAt: sale.updatedAt + 2 }), // a stale awaiting copy arriving late
      judge.see(paid(sale, 12)), // and paid again after it
    ];
    expect(cues(heard)).toEqual([`paid:${sale.id}`]);
  });

  it('chimes once when the copies come in the wrong order', () => {
    const judge = createPaidSoundJudge({ storageKey: KEY });
    const sale = makeSale({ status: 'created', qrData: null, qrExpiresAt: null, paymentIntentId: null });
    const open = { ...sale, status: 'awaiting_payment' as const, qrAttempt: 1, qrExpiresAt: sale.createdAt + 600_000 };
    const heard = [judge.see(sale), judge.see(paid(open, 3)), judge.see(open), judge.see(paid(open, 3))];
    expect(cues(heard)).toEqual([`paid:${sale.id}`]);
  });

  it('never announces a sale first seen already finished (paid before the screen opened)', () => {
    const judge = createPaidSoundJudge({ storageKey: KEY });
    const before = paid(awaiting());
    const failedBefore = expired(awaiting());
    expect(cues([judge.see(before), judge.see(before), judge.see(failedBefore), judge.see(failedBefore)])).toEqual([]);
  });

  it('plays the other tone once per failed or expired QR attempt, then the chime when a New QR is paid', () => {
    const judge = createPaidSoundJudge({ storageKey: KEY });
    const first = awaiting();
    const second = renewed(expired(first));
    const third = renewed({ ...second, status: 'failed' });
    const heard = [
      judge.see(first),
      judge.see(expired(first)),
      judge.see(expired(first, 4)), // polled again
      judge.see(second),
      judge.see(expired(first, 20)), // attempt 1's expiry arriving after the New QR: stale
      judge.see({ ...second, status: 'failed', updatedAt: second.updatedAt + 1 }),
      judge.see(third),
      judge.see(paid(third)),
      judge.see(paid(third, 2)),
    ];
    expect(cues(heard)).toEqual([`failed:${first.id}`, `failed:${first.id}`, `paid:${first.id}`]);
  });

  it('plays one tone when one attempt is reported both failed and expired (two paths, two words)', () => {
    const judge = createPaidSoundJudge({ storageKey: KEY });
    const sale = awaiting();
    const heard = [judge.see(sale), judge.see(expired(sale)), judge.see({ ...sale, status: 'failed', updatedAt: sale.updatedAt + 2 }), judge.see(expired(sale, 3))];
    expect(cues(heard)).toEqual([`failed:${sale.id}`]);
  });

  it('chimes for money that arrives after the QR ran out (the sale is flagged and paid)', () => {
    const judge = createPaidSoundJudge({ storageKey: KEY });
    const sale = awaiting();
    const heard = [judge.see(sale), judge.see(expired(sale)), judge.see({ ...paid(sale, 30), flagged: true })];
    expect(cues(heard)).toEqual([`failed:${sale.id}`, `paid:${sale.id}`]);
  });

  it('compares QR attempts by expiry where a copy carries no attempt number', () => {
    const judge = createPaidSoundJudge({ storageKey: KEY });
    const first = makeSale();
    const second = { ...first, status: 'awaiting_payment' as const, qrExpiresAt: (first.qrExpiresAt ?? 0) + 700_000 };
    const heard = [judge.see(first), judge.see(expired(first)), judge.see(second), judge.see(expired(first, 50)), judge.see(paid(second))];
    expect(cues(heard)).toEqual([`failed:${first.id}`, `paid:${first.id}`]);
  });

  it('makes no sound for cash (the cashier holds the money) or a cancel, and chimes for PromptPay confirmed by hand', () => {
    expect(cueFor({ tender: 'cash', status: 'succeeded' })).toBeNull();
    expect(cueFor({ tender: 'promptpay', status: 'canceled' })).toBeNull();
    expect(cueFor({ tender: 'promptpay_manual', status: 'succeeded' })).toBe('paid');
    expect(cueFor({ tender: 'promptpay', status: 'expired' })).toBe('failed');
    expect(cueFor({ tender: 'promptpay', status: 'failed' })).toBe('failed');
    expect(cueFor({ tender: 'promptpay', status: 'awaiting_payment' })).toBeNull();

    const judge = createPaidSoundJudge({ storageKey: KEY });
    const cash = makeSale({ tender: 'cash', status: 'created', qrData: null, qrExpiresAt: null, paymentIntentId: null });
    const manual = makeSale({ tender: 'promptpay_manual', qrExpiresAt: null, paymentIntentId: null });
    const canceled = awaiting();
    const heard = [
      judge.see(cash),
      judge.see({ ...cash, status: 'succeeded', cashTendered: 50_000 }),
      judge.see(manual),
      judge.see(paid(manual)),
      judge.see(canceled),
      judge.see({ ...canceled, status: 'canceled' }),
    ];
    expect(cues(heard)).toEqual([`paid:${manual.id}`]);
  });

  it('remembers across a reload: a sale heard before is not heard again, one awaited before is heard when it is paid', () => {
    const storage = memoryStorage();
    const before = createPaidSoundJudge({ storage, storageKey: KEY });
    const heardSale = awaiting();
    const waitingSale = awaiting();
    before.see(heardSale);
    expect(before.see(paid(heardSale))?.cue).toBe('paid');
    before.see(waitingSale);

    // The page reloads: a new judge over the same sessionStorage re-reads the till.
    const after = createPaidSoundJudge({ storage, storageKey: KEY });
    expect(cues([after.see(paid(heardSale, 4)), after.see(paid(waitingSale)), after.see(paid(waitingSale))])).toEqual([`paid:${waitingSale.id}`]);

    // And once more: the one just heard is remembered too.
    const again = createPaidSoundJudge({ storage, storageKey: KEY });
    expect(cues([again.see(paid(heardSale, 8)), again.see(paid(waitingSale, 8))])).toEqual([]);
  });

  it('keeps the last sales only, forgetting the oldest, and starts afresh from unreadable memory', () => {
    const storage = memoryStorage();
    const judge = createPaidSoundJudge({ storage, storageKey: KEY });
    const first = awaiting();
    judge.see(first);
    for (let i = 0; i < REMEMBERED_SALES; i += 1) judge.see(awaiting());
    const stored = JSON.parse(storage.items.get(KEY) ?? '[]') as [string, unknown][];
    expect(stored).toHaveLength(REMEMBERED_SALES);
    expect(stored.some(([id]) => id === first.id)).toBe(false);
    // Forgotten: its payment is now a first sight, never announced (no false chime either way).
    expect(judge.see(paid(first))).toBeNull();

    storage.items.set(KEY, '{not json');
    const fresh = createPaidSoundJudge({ storage, storageKey: KEY });
    const sale = awaiting();
    expect(cues([fresh.see(sale), fresh.see(paid(sale))])).toEqual([`paid:${sale.id}`]);
    storage.items.set(KEY, JSON.stringify([['sale_x', { status: 'nonsense', announced: [] }], 42]));
    expect(createPaidSoundJudge({ storage, storageKey: KEY }).knows('sale_x')).toBe(false);
  });
});

describe('paid sound: settings', () => {
  function setup(settings: SoundSettings | null) {
    const played: { cue: string; lang: string; volume: number }[] = [];
    let current = settings;
    const sound = createPaidSound({
      judge: createPaidSoundJudge({ storageKey: KEY }),
      settings: () => current,
      lang: () => 'th',
      output: (announcement, set, lang) => played.push({ cue: announcement.cue, lang, volume: set.volume }),
    });
    return { sound, played, set: (next: SoundSettings | null) => (current = next) };
  }

  it('plays at the volume set, in the screen language', () => {
    const { sound, played } = setup({ ...DEFAULT_SOUND, volume: 35 });
    const sale = awaiting();
    sound.see(sale);
    sound.see(paid(sale));
    expect(played).toEqual([{ cue: 'paid', lang: 'th', volume: 35 }]);
  });

  it('is silent when muted, at volume 0, or before the settings are known, and never replays when turned on', () => {
    const { sound, played, set } = setup({ ...DEFAULT_SOUND, chime: false });
    const muted = awaiting();
    sound.see(muted);
    sound.see(paid(muted));
    set({ ...DEFAULT_SOUND, volume: 0 });
    const quiet = awaiting();
    sound.see(quiet);
    sound.see(expired(quiet));
    set(null);
    const unknown = awaiting();
    sound.see(unknown);
    sound.see(paid(unknown));
    expect(played).toEqual([]);

    // Sound back on: the sales already decided stay quiet; the next one is heard.
    set({ ...DEFAULT_SOUND });
    sound.see(paid(muted, 5));
    sound.see(paid(unknown, 5));
    const next = awaiting();
    sound.see(next);
    sound.see(paid(next));
    expect(played.map((p) => p.cue)).toEqual(['paid']);
  });
});
