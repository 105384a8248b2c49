// A big digit pad for touch screens (the pairing code on a tablet): 1–9, clear, 0, delete. Styled by
// the screen that uses it (.codepad, .codepad__key).
import { DIGIT_PAD_LAYOUT as LAYOUT, type PinKey } from '../state/pin-entry';

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
