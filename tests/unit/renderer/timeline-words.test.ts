import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en';
import { translate, type MessageKey } from '../../../shared/i18n/translate';
import { formatBaht } from '../../../shared/money';
import { auditActionLabel, detailSummary, kindLabel, labelText } from '../../../renderer/state/timeline-view';

const inThai = (key: Parameters<typeof translate>[1]) => translate('th', key);

/** Quoted names on lines of electron/ that write audit entries, which are not audit actions. */
const NOT_AUDIT_ACTIONS = new Set(['audit.jsonl', 'audit.list', 'backup.list', 'settings.get']);
/** Actions the core builds at run time: `shift.${kind}` and `refund.${final status}`. */
const BUILT_AT_RUN_TIME = ['shift.pay_in', 'shift.pay_out', 'refund.succeeded', 'refund.failed', 'refund.canceled'];

/**
 * Every audit action the core can write, read from its source: each 'area.action' quoted on a line
 * that records one (audit.record, a helper taking the action, an `action` variable), so an action
 * added later is in this test without anyone listing it.
 */
function auditActionsTheCoreWrites(): string[] {
  const found = new Set(BUILT_AT_RUN_TIME);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) {
        for (const line of readFileSync(file, 'utf8').split('\n')) {
          if (!/action|audit|recordHandSale|managerByPin|bindRunning|record\(/i.test(line)) continue;
          for (const match of line.matchAll(/'([a-z]+\.[a-z_]+)'/g)) if (!NOT_AUDIT_ACTIONS.has(match[1]!)) found.add(match[1]!);
        }
      }
    }
  };
  walk(path.resolve(import.meta.dirname, '../../../electron'));
  return [...found].sort();
}
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

  it('every audit action the core can write has a Thai and an English sentence', () => {
    const actions = auditActionsTheCoreWrites();
    // The scan must find what the core writes (or this test would pass on nothing).
    expect(actions).toEqual(expect.arrayContaining(['sale.charge', 'setup.stripe_saved', 'setup.restart', 'desktop.kiosk', 'receipt.reprinted', 'shift.pay_in']));
    expect(actions.length).toBeGreaterThan(50);
    const unlabelled = actions.filter((action) => !('key' in auditActionLabel(action)));
    expect(unlabelled).toEqual([]);
    for (const action of actions) {
      const label = auditActionLabel(action) as { key: MessageKey };
      expect(en[label.key], action).toMatch(/^[^_]+$/);
      expect(inThai(label.key), action).toMatch(/[\u0E00-\u0E7F]/);
      expect(inThai(label.key), action).not.toBe(en[label.key]);
    }
    expect(labelText(inEnglish, auditActionLabel('brand_new.thing'))).toBe('brand new.thing');
  });
});
