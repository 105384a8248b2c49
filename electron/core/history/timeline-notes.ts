// The transition functions explain each decision in an English `note` (kept in sale_events.detail for
// logs and post-mortems). Screens need the same facts as a stable code they can word in Thai or English,
// so the sale detail reads each known note into a TimelineNote here; the notes themselves stay as the
// payment and refund paths write them. A note this does not know becomes { code: 'other' }.
import type { TimelineNote } from '../../../shared/manager-types';
import { parseBaht } from '../../../shared/money';

const STATUS = '([a-z_]+)';
const satang = (baht: string): number => {
  const parsed = parseBaht(baht);
  return parsed.ok ? parsed.satang : 0;
};

/** [pattern, the note it means]; first match wins, so the specific come before the general. */
const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => TimelineNote][] = [
  [/^created → succeeded \(cash received ฿([\d.]+), change ฿([\d.]+)\)$/, (m) => ({ code: 'cash_received', received: satang(m[1]!), change: satang(m[2]!) })],
  [/^created → awaiting_payment \(the shop.s own PromptPay QR\)$/, () => ({ code: 'own_qr_shown' })],
  [/^awaiting_payment → succeeded \(confirmed by (.+) from the bank.s notification; unverified\)$/, (m) => ({ code: 'confirmed_by_hand', by: m[1] === 'the cashier' ? null : m[1]! })],
  [new RegExp(`^${STATUS} → canceled \\(([a-z_]+); no Stripe\\)$`), (m) => ({ code: 'canceled_by_hand', from: m[1]!, intent: m[2]! })],
  [/^awaiting_payment → expired \(QR timeout\)$/, () => ({ code: 'qr_timeout' })],
  [new RegExp(`^${STATUS} → awaiting_payment \\(new QR, attempt (\\d+)\\)$`), (m) => ({ code: 'new_qr', attempt: Number(m[2]) })],
  [/^cancel requested \(([a-z_]+)\)$/, (m) => ({ code: 'cancel_requested', intent: m[1]! })],
  [/^cancel already requested$/, () => ({ code: 'cancel_already_requested' })],
  [/^Stripe refused to create the PaymentIntent$/, () => ({ code: 'create_rejected' })],
  [/^details updated$/, () => ({ code: 'details_updated' })],
  [/^a different PaymentIntent$/, () => ({ code: 'different_payment_intent' })],
  [/^amount or currency differ from the sale$/, () => ({ code: 'amount_mismatch' })],
  [new RegExp(`^from QR attempt (\\d+): ${STATUS}$`), (m) => ({ code: 'earlier_qr_attempt', attempt: Number(m[1]), status: m[2]! })],
  [new RegExp(`^stale: ${STATUS} after ${STATUS}$`), (m) => ({ code: 'stale', status: m[1]!, after: m[2]! })],
  [new RegExp(`^no change \\(${STATUS}\\)$`), (m) => ({ code: 'no_change', status: m[1]! })],
  [new RegExp(`^already ${STATUS}$`), (m) => ({ code: 'already', status: m[1]! })],
  [/^same key and request: same sale$/, () => ({ code: 'same_sale_retried' })],
  [/^QR withheld: cancel pending/, () => ({ code: 'qr_withheld' })],
  [/^Stripe does not move a [a-z_]+ sale/, () => ({ code: 'not_for_stripe' })],
  [/does not apply to a PromptPay sale through Stripe$/, () => ({ code: 'not_for_this_tender' })],
  [/does not apply to a [a-z_]+ sale$/, () => ({ code: 'not_for_this_tender' })],
  [/^(?:cash received|a shop QR) on a [a-z_]+ sale$|^a [a-z_]+ sale is not confirmed by hand$/, () => ({ code: 'not_for_this_tender' })],
  [new RegExp(`^(?:QR timeout|create rejection arrived|cash received|shop QR shown|confirmed by hand) when ${STATUS}$`), (m) => ({ code: 'too_late', status: m[1]! })],
  [new RegExp(`^a new QR only follows an expired or failed one \\(sale is ${STATUS}\\)$`), (m) => ({ code: 'too_late', status: m[1]! })],
  [new RegExp(`^Stripe did not show a new QR \\(${STATUS}\\)$`), (m) => ({ code: 'no_new_qr', status: m[1]! })],
  // Refunds (refund-transitions.ts, refund-service.ts).
  [/^succeeded → failed: the refund failed after it had succeeded$/, () => ({ code: 'refund_reversed' })],
  [new RegExp(`^Stripe: ${STATUS}$`), (m) => ({ code: 'stripe_said', status: m[1]! })],
  [/^a different Stripe refund$/, () => ({ code: 'different_refund' })],
  [/^stored server error; Stripe not asked yet/, () => ({ code: 'refund_not_confirmed_yet' })],
  // A plain move: the timeline line already shows from → to; `via` is who brought the news.
  [new RegExp(`^${STATUS} → ${STATUS}(?: \\(([a-z_]+)\\))?$`), (m) => ({ code: 'moved', from: m[1]!, to: m[2]!, via: m[3] ?? null })],
];

/** The note of a timeline entry's detail as a code, or null when the entry carries no note. */
export function timelineNote(detail: unknown): TimelineNote | null {
  if (detail === null || typeof detail !== 'object') return null;
  const note = (detail as { note?: unknown }).note;
  if (typeof note !== 'string') return null;
  for (const [pattern, toNote] of PATTERNS) {
    const match = pattern.exec(note);
    if (match) return toNote(match);
  }
  return { code: 'other' };
}
