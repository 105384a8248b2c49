import type { SimulateOutcome } from '../state/cashier-store';
import type { T } from '../ui/translator';
import { useCashier } from './store-context';

const BUTTONS: { outcome: SimulateOutcome; testId: string; key: 'cashier.simulatePay' | 'cashier.simulateFail' | 'cashier.simulateExpire'; tone: string }[] = [
  { outcome: 'succeed', testId: 'simulate-pay', key: 'cashier.simulatePay', tone: 'success' },
  { outcome: 'fail', testId: 'simulate-fail', key: 'cashier.simulateFail', tone: 'danger' },
  { outcome: 'expire', testId: 'simulate-expire', key: 'cashier.simulateExpire', tone: 'muted' },
];

/** Demo mode only: play the customer's part for the sale that is waiting. */
export function DemoPanel({ t }: { t: T }) {
  const demo = useCashier((s) => s.info?.demo ?? false);
  const pending = useCashier((s) => s.pending);
  const simulate = useCashier((s) => s.simulate);
  if (!demo) return null;
  return (
    <div className="demo-panel" role="group" aria-label={t('cashier.demoTitle')}>
      <div className="demo-panel__head">
        <strong>{t('cashier.demoTitle')}</strong>
        <span>{t('cashier.demoHint')}</span>
      </div>
      <div className="demo-panel__buttons">
        {BUTTONS.map((button) => (
          <button
            key={button.outcome}
            type="button"
            className={`btn btn--sm btn--${button.tone}-soft`}
            data-testid={button.testId}
            disabled={pending !== null}
            onClick={() => void simulate(button.outcome)}
          >
            {t(button.key)}
          </button>
        ))}
      </div>
    </div>
  );
}
