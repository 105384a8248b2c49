import type { KeypadKey } from '../../shared/money';
import type { T } from '../ui/translator';

// The phone layout (1-2-3 on top), as on the PIN pads and in Thai banking apps.
const LAYOUT: { key: KeypadKey; label: string; testId: string; kind?: 'fn' }[] = [
  { key: 'clear', label: 'C', testId: 'keypad-clear', kind: 'fn' },
  { key: 'backspace', label: '⌫', testId: 'keypad-backspace', kind: 'fn' },
  { key: '1', label: '1', testId: 'keypad-1' },
  { key: '2', label: '2', testId: 'keypad-2' },
  { key: '3', label: '3', testId: 'keypad-3' },
  { key: '4', label: '4', testId: 'keypad-4' },
  { key: '5', label: '5', testId: 'keypad-5' },
  { key: '6', label: '6', testId: 'keypad-6' },
  { key: '7', label: '7', testId: 'keypad-7' },
  { key: '8', label: '8', testId: 'keypad-8' },
  { key: '9', label: '9', testId: 'keypad-9' },
  { key: '00', label: '00', testId: 'keypad-00' },
  { key: '0', label: '0', testId: 'keypad-0' },
  { key: '.', label: '.', testId: 'keypad-dot' },
];

export function Keypad({ t, disabled, onPress, groupLabel }: { t: T; disabled: boolean; onPress: (key: KeypadKey) => void; groupLabel?: string }) {
  return (
    <div className="keypad" role="group" aria-label={groupLabel ?? t('cashier.keypadLabel')}>
      {LAYOUT.map(({ key, label, testId, kind }) => (
        <button
          key={testId}
          type="button"
          className={kind === 'fn' ? 'keypad__key keypad__key--fn' : 'keypad__key'}
          data-testid={testId}
          disabled={disabled}
          aria-label={key === 'backspace' ? t('cashier.backspace') : key === 'clear' ? t('cashier.clear') : undefined}
          // Keep focus where it was (e.g. not stealing it into the button), so Enter keeps meaning Charge.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPress(key)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
