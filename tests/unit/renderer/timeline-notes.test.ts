import { describe, expect, it } from 'vitest';
import { th } from '../../../shared/i18n/th';
import { translate, type Lang } from '../../../shared/i18n/translate';
import type { TimelineNote } from '../../../shared/manager-types';
import { formatBaht } from '../../../shared/money';
import { detailSummary, noteText } from '../../../renderer/state/timeline-view';

const say = (lang: Lang, note: TimelineNote | null, kind = 'payment_intent') =>
  noteText(note, kind, (key, vars) => translate(lang, key, vars), (satang) => formatBaht(satang, lang === 'th' ? 'th-TH' : 'en-GB'));

/** One note of every code the core sends. */
const EVERY_NOTE: TimelineNote[] = [
  { code: 'cash_received', received: 50_000, change: 12_000 },
  { code: 'own_qr_shown' },
  { code: 'confirmed_by_hand', by: 'Nok' },
  { code: 'confirmed_by_hand', by: null },
  { code: 'canceled_by_hand', from: 'awaiting_payment', intent: 'cashier' },
  { code: 'qr_timeout' },
  { code: 'new_qr', attempt: 2 },
  { code: 'cancel_requested', intent: 'cashier' },
  { code: 'stale', status: 'awaiting_payment', after: 'succeeded' },
  { code: 'no_change', status: 'succeeded' },
  { code: 'already', status: 'canceled' },
  { code: 'too_late', status: 'succeeded' },
  { code: 'no_new_qr', status: 'canceled' },
  { code: 'stripe_said', status: 'requires_action' },
  { code: 'earlier_qr_attempt', attempt: 1, status: 'canceled' },
  ...(['cancel_already_requested', 'create_rejected', 'details_updated', 'different_payment_intent', 'amount_mismatch', 'same_sale_retried', 'qr_withheld', 'not_for_stripe', 'not_for_this_tender', 'refund_reversed', 'different_refund', 'refund_not_confirmed_yet'] as const).map(
    (code) => ({ code }),
  ),
];

describe('timeline notes in words', () => {
  it('words every note in Thai and English, with no placeholder left and no English on the Thai screen', () => {
    for (const note of EVERY_NOTE) {
      const english = say('en', note);
      const thai = say('th', note);
      expect(english, note.code).toBeTruthy();
      expect(thai, note.code).toBeTruthy();
      expect(`${english} ${thai}`, note.code).not.toMatch(/[{}]|timeline\.note/);
      // Brand names (Stripe, PromptPay, QR) and the cashier's name stay as they are.
      expect(thai!.replace(/Stripe|QR|Nok/g, ''), note.code).not.toMatch(/[A-Za-z]/);
    }
  });

  it('shows cash received and change as baht', () => {
    expect(say('en', { code: 'cash_received', received: 50_000, change: 12_000 })).toBe('Cash received ฿500.00, change ฿120.00');
    expect(say('th', { code: 'cash_received', received: 50_000, change: 12_000 })).toBe(`รับเงินสด ${formatBaht(50_000, 'th-TH')} ทอน ${formatBaht(12_000, 'th-TH')}`);
  });

  it('says who confirmed a hand payment, and that it is unverified', () => {
    expect(say('en', { code: 'confirmed_by_hand', by: 'Nok' })).toBe('Confirmed by Nok from the bank notification: unverified');
    expect(say('th', { code: 'confirmed_by_hand', by: null })).toBe(th['timeline.note.confirmed_by_hand_unnamed']);
  });

  it('words statuses as a refund’s on refund entries and as a sale’s elsewhere', () => {
    expect(say('en', { code: 'stale', status: 'awaiting_payment', after: 'succeeded' })).toBe('Late news: Waiting for payment after Paid');
    expect(say('en', { code: 'already', status: 'succeeded' }, 'refund.succeeded')).toBe('Already Refunded');
    expect(say('en', { code: 'stripe_said', status: 'requires_action' }, 'refund.requires_action')).toBe('Stripe said: Waiting for customer');
  });

  it('says nothing where the line already does (a plain move), for unknown notes, or without a note', () => {
    expect(say('en', { code: 'moved', from: 'awaiting_payment', to: 'succeeded', via: 'poll' })).toBeNull();
    expect(say('th', { code: 'other' })).toBeNull();
    expect(say('en', null)).toBeNull();
  });
});

describe('timeline detail line', () => {
  it('never shows the English note as raw text: a detail holding only a note has no detail line', () => {
    const baht = (satang: number) => formatBaht(satang, 'en-GB');
    expect(detailSummary({ note: 'created → succeeded (cash received ฿500.00, change ฿120.00)' }, baht)).toBeNull();
    expect(detailSummary({ note: 'x', attempt: 2, unknownField: true }, baht)).toBe('{"attempt":2,"unknownField":true}');
  });
});
