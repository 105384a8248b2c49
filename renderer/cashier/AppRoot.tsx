import { useEffect } from 'react';
import { translatorFor } from '../ui/translator';
import { useSlice } from './app-stores-context';
import { ErrorNote } from '../ui/ErrorNote';
import { SetupOwnerScreen } from './auth/SetupOwnerScreen';
import { SignInScreen } from './auth/SignInScreen';
import { SignedInApp } from './SignedInApp';
import { useCashier } from './store-context';

/** Who is at the till decides the screen: first-run setup, sign-in, or the till and manager area. */
export function AppRoot() {
  const phase = useSlice('auth', (s) => s.phase);
  const error = useSlice('auth', (s) => s.error);
  const load = useSlice('auth', (s) => s.load);
  const lang = useCashier((s) => s.lang);
  const t = translatorFor(lang);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);

  if (phase === 'setup') return <SetupOwnerScreen t={t} />;
  if (phase === 'signIn') return <SignInScreen t={t} />;
  if (phase === 'signedIn') return <SignedInApp t={t} />;
  return (
    <div className="auth auth--loading" data-testid="auth-loading">
      {phase === 'unreachable' ? (
        <div className="card auth__unreachable">
          <ErrorNote error={error} t={t} />
          <button type="button" className="btn btn--primary btn--lg" onClick={() => void load()}>
            {t('common.retry')}
          </button>
        </div>
      ) : (
        <span className="spinner spinner--lg" aria-label={t('common.loading')} />
      )}
    </div>
  );
}
