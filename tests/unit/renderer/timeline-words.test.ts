import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en';
import { translate, type MessageKey } from '../../../shared/i18n/translate';
import { formatBaht } from '../../../shared/money';
import { auditActionLabel, detailSummary, kindLabel, labelText } from '../../../renderer/state/timeline-view';

const inThai = (key: Parameters<typeof translate>[1]) => translate('th', key);
const inEnglish = (key: Parameters<typeof translate>[1]) => translate('en', key);

describe("owners' screens speak shop language", () => {
  it('timeline amounts are baht, not satang', () => {
    expect(detailSummary({ refundId: 'rf_1', amount: 12_345 }, (satang) => formatBaht(satang, 'en-GB'))).toBe('refundId: rf_1 · ฿123.45');
  });

  it('timeline event names are sentences in both languages; unknown ones lose their underscores', () => {
    expect(labelText(inEnglish, kindLabel('payment_intent.succeeded'))).toBe('Stripe: paid');
    expect(labelText(inThai, kindLabel('refund.requested'))).toBe('ขอคืนเงิน');
    expect(labelText(inEnglish, kindLabel('qr_timeout'))).toBe('QR timed out');
    expect(labelText(inEnglish, kindLabel('something_new'))).toBe('something new');
  });

  it('every audit action the core records has a Thai and an English sentence', () => {
    const actions = ['auth.setup_owner', 'auth.sign_in', 'auth.sign_in_failed', 'auth.sign_in_refused', 'auth.sign_out', 'auth.locked', 'auth.client_locked', 'auth.elevate', 'auth.elevate_failed', 'auth.elevate_locked', 'backup.run', 'backup.restore', 'backup.restore_refused', 'cashier.create', 'cashier.update', 'deny', 'display.pair', 'display.unpair', 'display.pair_failed', 'display.pair_locked', 'display.pairing_code', 'display.pairing_code_burned', 'refund.create', 'refund.succeeded', 'refund.failed', 'refund.failed_after_succeeded', 'report.export', 'sale.cancel', 'sale.charge', 'sale.renew', 'sale.paid_after_giving_up', 'settings.update', 'stripe.change_pending', 'stripe.change_approved'];
    for (const action of actions) {
      const label = auditActionLabel(action) as { key: MessageKey };
      expect(label, action).toHaveProperty('key');
      expect(en[label.key], action).toMatch(/^[^_]+$/);
      expect(inThai(label.key), action).toMatch(/[\u0E00-\u0E7F]/);
    }
    expect(labelText(inEnglish, auditActionLabel('brand_new.thing'))).toBe('brand new.thing');
  });
});
