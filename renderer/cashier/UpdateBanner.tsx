// "Update ready": a quiet strip on the till when the desktop app has downloaded an update. Everyone
// signed in sees it; Install now is a manager's (a cashier gets the manager PIN dialog), and a sale
// waiting for payment is said plainly instead. Checks and downloads are not shown: the till stays calm.
import { readyVersion } from '../state/update-store';
import { ErrorNote } from '../ui/ErrorNote';
import type { T } from '../ui/translator';
import { useSlice } from './app-stores-context';

export function UpdateBanner({ t }: { t: T }) {
  const version = useSlice('updates', (s) => readyVersion(s.status));
  const installing = useSlice('updates', (s) => s.installing);
  const busy = useSlice('updates', (s) => s.busy);
  const error = useSlice('updates', (s) => s.error);
  const install = useSlice('updates', (s) => s.install);
  if (!version) return null;
  return (
    <section className="update-banner" aria-label={t('updates.ready', { version })} data-testid="update-banner">
      <div className="update-banner__row">
        <span className="update-banner__text" role="status">
          {installing ? t('updates.installing', { version }) : t('updates.ready', { version })}
        </span>
        {installing ? null : (
          <button
            type="button"
            className="btn btn--sm update-banner__action"
            data-testid="update-install"
            aria-label={t('updates.installLabel', { version })}
            disabled={busy}
            onClick={() => void install()}
          >
            {t('updates.install')}
          </button>
        )}
      </div>
      <ErrorNote error={error} t={t} testId="update-error" className="update-banner__error" />
    </section>
  );
}
