// Cash typed on the 1-2-3 keypad (or the keyboard, any layout, Thai digits too) with its big display.
import { useEffect, useRef } from 'react';
import type { MessageKey } from '../../../shared/i18n/translate';
import type { KeypadKey } from '../../../shared/money';
import { displayEntry } from '../../state/amount-entry';
import { digitOf, isDecimalPoint } from '../../state/physical-keys';
import type { T } from '../../ui/translator';
import { Keypad } from '../Keypad';
import { pressCashKey } from './cash-entry';

/** Keys typed anywhere in the open dialog but a text field go to the amount; Enter confirms. */
function useCashKeys(onKey: (key: KeypadKey) => void, onEnter: () => void): void {
  const latest = useRef({ onKey, onEnter });
  useEffect(() => {
    latest.current = { onKey, onEnter };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const digit = digitOf(event);
      let key: KeypadKey | null = digit;
      if (!key && isDecimalPoint(event)) key = '.';
      if (!key && event.key === 'Backspace') key = 'backspace';
      if (!key && event.key === 'Delete') key = 'clear';
      if (key) {
        event.preventDefault();
        latest.current.onKey(key);
      } else if (event.key === 'Enter') {
        // Also when a button has focus: Enter means "confirm" in these dialogs, as at the till.
        event.preventDefault();
        latest.current.onEnter();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function CashEntry({
  t,
  label,
  text,
  onText,
  onEnter,
  problem,
  disabled,
  testId,
}: {
  t: T;
  label: string;
  text: string;
  onText: (text: string) => void;
  onEnter: () => void;
  problem: MessageKey | null;
  disabled: boolean;
  testId: string;
}) {
  const press = (key: KeypadKey): void => {
    if (!disabled) onText(pressCashKey(text, key));
  };
  useCashKeys(press, onEnter);
  return (
    <div className="cash-entry">
      <span className="cash-entry__label" id={`${testId}-label`}>
        {label}
      </span>
      <output className={`cash-entry__display${text === '' ? ' is-empty' : ''}${problem ? ' is-invalid' : ''}`} data-testid={testId} data-text={text} aria-labelledby={`${testId}-label`}>
        ฿{displayEntry(text)}
      </output>
      <p className="cash-entry__problem" role="alert" data-testid={`${testId}-problem`}>
        {problem ? t(problem) : ''}
      </p>
      <div className="cash-entry__keypad">
        <Keypad t={t} disabled={disabled} onPress={press} />
      </div>
    </div>
  );
}
