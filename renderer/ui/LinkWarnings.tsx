import type { PaymentPathStatus } from '../../shared/pos-contract';
import { linkWarnings } from '../state/payment-path-view';
import type { T } from './translator';

/** Said plainly, before anyone tries to charge: PromptPay needs the internet, and a correct clock. */
export function LinkWarnings({ path, t }: { path: PaymentPathStatus | null; t: T }) {
  const warnings = linkWarnings(path);
  if (warnings.length === 0) return null;
  return (
    <>
      {warnings.map((warning) =>
        warning.kind === 'offline' ? (
          <div key="offline" className="connection-banner" role="alert" data-testid="stripe-offline-banner">
            {t('link.offline')}
          </div>
        ) : (
          <div key="clock" className="connection-banner connection-banner--warn" role="alert" data-testid="clock-skew-banner">
            {t(warning.direction === 'ahead' ? 'link.clockAhead' : 'link.clockBehind', { minutes: warning.minutes })}
          </div>
        ),
      )}
    </>
  );
}
