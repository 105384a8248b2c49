import { isCompletePin } from '../../state/pin-entry';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { usePinKeyboard } from '../../ui/use-pin-keyboard';
import { useSlice } from '../app-stores-context';
import { AuthTopbar } from './AuthTopbar';
import { PinDots, PinPad } from './PinPad';

function initials(name: string): string {
  // First letter of the first two words, skipping brackets and marks ("คุณพลอย (Ploy)" → "คP").
  const letters = name
    .trim()
    .split(/\s+/)
    .map((word) => word.match(/\p{L}/u)?.[0] ?? '')
    .filter(Boolean);
  return letters.slice(0, 2).join('').toUpperCase();
}

/** Pick your name, type your PIN. */
export function SignInScreen({ t }: { t: T }) {
  const directory = useSlice('auth', (s) => s.directory);
  const selectedId = useSlice('auth', (s) => s.selectedId);
  const pin = useSlice('auth', (s) => s.pin);
  const busy = useSlice('auth', (s) => s.busy);
  const error = useSlice('auth', (s) => s.error);
  const notice = useSlice('auth', (s) => s.notice);
  const selectCashier = useSlice('auth', (s) => s.selectCashier);
  const pressPin = useSlice('auth', (s) => s.pressPin);
  const submit = useSlice('auth', (s) => s.submit);
  const selected = directory.find((entry) => entry.cashierId === selectedId) ?? null;
  usePinKeyboard(selected !== null, pressPin, () => void submit());

  return (
    <div className="auth" data-testid="sign-in-screen">
      <AuthTopbar t={t} />
      <main className="auth__main">
        <section className="card auth__people" aria-labelledby="who-title">
          <h1 className="auth__title" id="who-title">
            {t('auth.signIn.who')}
          </h1>
          {notice ? (
            <p className="auth__notice" role="status" data-testid="auth-notice">
              {t(notice)}
            </p>
          ) : null}
          <div className="people-tiles">
            {directory.map((entry) => (
              <button
                key={entry.cashierId}
                type="button"
                className={`person-tile${entry.cashierId === selectedId ? ' is-selected' : ''}`}
                data-testid="cashier-tile"
                data-cashier-id={entry.cashierId}
                aria-pressed={entry.cashierId === selectedId}
                onClick={() => selectCashier(entry.cashierId)}
              >
                <span className={`avatar avatar--${entry.role}`} aria-hidden="true">
                  {initials(entry.name)}
                </span>
                <span className="person-tile__name">{entry.name}</span>
                <span className="person-tile__role">{t(`role.${entry.role}`)}</span>
              </button>
            ))}
          </div>
        </section>
        <section className="card auth__pin" aria-labelledby="pin-title">
          <h2 className="auth__pin-title" id="pin-title">
            {selected ? t('auth.signIn.pinFor', { name: selected.name }) : t('auth.signIn.pickFirst')}
          </h2>
          <PinDots length={pin.length} active={selected !== null} invalid={error !== null} label={t('auth.pinTyped', { count: pin.length })} testId="pin-dots" />
          <div className="auth__message-slot">
            <ErrorNote error={error} t={t} testId="auth-error" />
            {!error ? <p className="auth__hint">{selected ? t('auth.signIn.hint') : ''}</p> : null}
          </div>
          <PinPad t={t} disabled={!selected || busy} onPress={pressPin} />
          <button
            type="button"
            className="btn btn--primary btn--xl auth__submit"
            data-testid="sign-in-button"
            disabled={!selected || busy || !isCompletePin(pin)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => void submit()}
          >
            {busy ? t('auth.signingIn') : t('auth.signIn.button')}
          </button>
        </section>
      </main>
    </div>
  );
}
