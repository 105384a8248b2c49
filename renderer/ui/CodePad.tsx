// A big digit pad for touch screens (the pairing code on a tablet): 1–9, clear, 0, delete. Styled by
// the screen that uses it (.codepad, .codepad__key).
import type { PinKey } from '../state/pin-entry';

const LAYOUT: { key: PinKey; label: string; fn?: true }[] = [
  { key: '1', label: '1' },
  { key: '2', label: '2' },
  { key: '3', label: '3' },
  { key: '4', label: '4' },
  { key: '5', label: '5' },
  { key: '6', label: '6' },
  { key: '7', label: '7' },
  { key: '8', label: '8' },
  { key: '9', label: '9' },
  { key: 'clear', label: 'C', fn: true },
  { key: '0', label: '0' },
  { key: 'backspace', label: '⌫', fn: true },
];

export function CodePad({
  label,
  clearLabel,
  backspaceLabel,
  disabled,
  onPress,
  testPrefix = 'code',
}: {
  label: string;
  clearLabel: string;
  backspaceLabel: string;
  disabled: boolean;
  onPress: (key: PinKey) => void;
  testPrefix?: string;
}) {
  return (
    <div className="codepad" role="group" aria-label={label}>
      {LAYOUT.map(({ key, label: text, fn }) => (
        <button
          key={key}
          type="button"
          className={fn ? 'codepad__key codepad__key--fn' : 'codepad__key'}
          data-testid={`${testPrefix}-key-${key}`}
          disabled={disabled}
          aria-label={key === 'backspace' ? backspaceLabel : key === 'clear' ? clearLabel : undefined}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPress(key)}
        >
          {text}
        </button>
      ))}
    </div>
  );
}

/** One box per digit of a fixed-length code, the next one to fill highlighted. */
export function CodeBoxes({ code, length, label, invalid = false, testId }: { code: string; length: number; label: string; invalid?: boolean; testId?: string }) {
  return (
    <div className={`code-boxes${invalid ? ' is-invalid' : ''}`} role="img" aria-label={label} data-testid={testId} data-length={code.length}>
      {Array.from({ length }, (_, i) => (
        <span key={i} className={`code-box${i < code.length ? ' is-filled' : ''}${i === code.length ? ' is-next' : ''}`}>
          {code[i] ?? ''}
        </span>
      ))}
    </div>
  );
}
