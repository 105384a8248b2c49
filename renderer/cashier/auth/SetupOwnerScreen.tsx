import { useEffect, useRef } from 'react';
import { isCompletePin } from '../../state/pin-entry';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { usePinKeyboard } from '../../ui/use-pin-keyboard';
import { useSlice } from '../app-stores-context';
import { AuthTopbar } from './AuthTopbar';
import { PinDots, PinPad } from './PinPad';

/** First run: the owner's name and PIN (typed twice). No default credentials exist. */
export function SetupOwnerScreen({ t }: { t: T }) {
  const name = useSlice('auth', (s) => s.setupName);
  const pin = useSlice('auth', (s) => s.pin);
  const confirm = useSlice('auth', (s) => s.setupConfirm);
  const field = useSlice('auth', (s) => s.setupField);
  const busy = useSlice('auth', (s) => s.busy);
  const error = useSlice('auth', (s) => s.error);
  const setName = useSlice('auth', (s) => s.setSetupName);
  const shopName = useSlice('auth', (s) => s.setupShopName ?? s.info?.shopName ?? '');
  const setShopName = useSlice('auth', (s) => s.setSetupShopName);
  const focusField = useSlice('auth', (s) => s.focusSetupField);
  const pressPin = useSlice('auth', (s) => s.pressPin);
  const submit = useSlice('auth', (s) => s.submit);
  const nameRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  usePinKeyboard(true, pressPin, () => void submit());
  useEffect(() => nameRef.current?.focus(), []);
  // The box with the keyboard focus is the one typed into: when Next moves typing on, focus follows.
  useEffect(() => {
    const boxes = [pinRef.current, confirmRef.current];
    if (!boxes.includes(document.activeElement as HTMLButtonElement)) return;
    (field === 'pin' ? pinRef : confirmRef).current?.focus();
  }, [field]);
  const ready = name.trim() !== '' && isCompletePin(pin) && confirm.length > 0;

  return (
    <div className="auth" data-testid="setup-screen">
      <AuthTopbar t={t} />
      <main className="auth__main">
        <section className="card auth__setup" aria-labelledby="setup-title">
          <h1 className="auth__title" id="setup-title">
            {t('auth.setup.title')}
          </h1>
          <p className="auth__lead">{t('auth.setup.lead')}</p>
          <label className="field">
            <span className="field__label">{t('auth.setup.name')}</span>
            <input
              ref={nameRef}
              className="field__input"
              data-testid="setup-name"
              type="text"
              autoComplete="off"
              maxLength={60}
              placeholder={t('auth.setup.namePlaceholder')}
              value={name}
              onChange={(event) => setName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  event.currentTarget.blur();
                  focusField('pin');
                }
              }}
            />
          </label>
          <button
            ref={pinRef}
            type="button"
            className={`pin-field${field === 'pin' ? ' is-active' : ''}`}
            data-testid="setup-pin-field"
            onFocus={() => focusField('pin')}
            onClick={() => focusField('pin')}
          >
            <span className="pin-field__label">{t('auth.setup.pin')}</span>
            <PinDots length={pin.length} active={field === 'pin'} label={t('auth.pinTyped', { count: pin.length })} />
          </button>
          <button
            type="button"
            className={`pin-field${field === 'confirm' ? ' is-active' : ''}`}
            ref={confirmRef}
            data-testid="setup-confirm-field"
            onFocus={() => focusField('confirm')}
            onClick={() => focusField('confirm')}
          >
            <span className="pin-field__label">{t('auth.setup.confirm')}</span>
            <PinDots length={confirm.length} active={field === 'confirm'} invalid={error?.key === 'auth.setup.mismatch'} label={t('auth.pinTyped', { count: confirm.length })} />
          </button>
          <label className="field">
            <span className="field__label">{t('auth.setup.shopName')}</span>
            <input
              className="field__input"
              data-testid="setup-shop-name"
              type="text"
              autoComplete="off"
              maxLength={80}
              value={shopName}
              onChange={(event) => setShopName(event.target.value)}
            />
          </label>
          <p className="auth__hint">{t('auth.setup.hint')}</p>
          <ErrorNote error={error} t={t} testId="auth-error" />
        </section>
        <section className="card auth__pin" aria-label={t('auth.pinPadLabel')}>
          <h2 className="auth__pin-title">{field === 'pin' ? t('auth.setup.typePin') : t('auth.setup.typeConfirm')}</h2>
          <PinPad t={t} disabled={busy} onPress={pressPin} />
          <button
            type="button"
            className="btn btn--primary btn--xl auth__submit"
            data-testid="setup-submit"
            disabled={busy || (field === 'pin' ? !isCompletePin(pin) : !ready)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => void submit()}
          >
            {busy ? t('auth.setup.creating') : field === 'pin' ? t('auth.setup.next') : t('auth.setup.create')}
          </button>
        </section>
      </main>
    </div>
  );
}
