import { DIGIT_PAD_LAYOUT as LAYOUT, PIN_MAX, PIN_MIN, type PinKey } from '../../state/pin-entry';
import type { T } from '../../ui/translator';

/** The big keypad, PIN edition: digits, clear and delete (the till's keypad styling). */
export function PinPad({ t, disabled, onPress, testPrefix = 'pin' }: { t: T; disabled: boolean; onPress: (key: PinKey) => void; testPrefix?: string }) {
  return (
    <div className="pinpad" role="group" aria-label={t('auth.pinPadLabel')}>
      {LAYOUT.map(({ key, label, fn }) => (
        <button
          key={key}
          type="button"
          className={fn ? 'keypad__key keypad__key--fn' : 'keypad__key'}
          data-testid={`${testPrefix}-key-${key}`}
          disabled={disabled}
          aria-label={key === 'backspace' ? t('cashier.backspace') : key === 'clear' ? t('cashier.clear') : undefined}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPress(key)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** Six places: filled for each digit typed; the last two are optional (PINs are 4–6 digits). */
export function PinDots({ length, active = true, invalid = false, label, testId }: { length: number; active?: boolean; invalid?: boolean; label: string; testId?: string }) {
  return (
    <div
      className={`pin-dots${active ? ' is-active' : ''}${invalid ? ' is-invalid' : ''}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-length={length}
    >
      {Array.from({ length: PIN_MAX }, (_, i) => (
        <span key={i} className={`pin-dot${i < length ? ' is-filled' : ''}${i >= PIN_MIN ? ' is-optional' : ''}`} />
      ))}
    </div>
  );
}
