import type { PaymentPathStatus } from '../../shared/pos-contract';
import { paymentPathView } from '../state/payment-path-view';
import type { T } from './translator';

/** "Instant (relay)" / "Instant (webhook)" / "Polling" with a coloured dot; details in the tooltip. */
export function PaymentPathIndicator({ path, t }: { path: PaymentPathStatus | null; t: T }) {
  const view = paymentPathView(path);
  const lines = view.detailKeys.map((key) => t(key));
  if (path?.lastPushAt) lines.push(t('path.lastPush', { time: new Date(path.lastPushAt).toLocaleTimeString() }));
  const tooltip = [t('path.title'), ...lines].join('\n');
  return (
    <div className={`path-indicator path-indicator--${view.tone}`} data-testid="payment-path" data-live={path?.live ?? ''} title={tooltip} tabIndex={0} aria-label={`${t('path.title')}: ${t(view.labelKey)}. ${lines.join('. ')}`}>
      <span className="path-indicator__dot" aria-hidden="true" />
      <span className="path-indicator__label">{t(view.labelKey)}</span>
    </div>
  );
}
