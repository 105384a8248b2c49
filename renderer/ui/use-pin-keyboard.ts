import { useEffect, useLayoutEffect, useRef } from 'react';
import { pinKeyAction, type PinKey } from '../state/pin-entry';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit'].includes(target.type);
}

/**
 * The physical keyboard on a PIN pad: digits, Backspace, Delete (and Escape unless a dialog owns it)
 * clear, Enter submits. Listens in the capture phase so the till's own keys never see PIN digits.
 */
export function usePinKeyboard(enabled: boolean, onKey: (key: PinKey) => void, onSubmit: () => void, options: { escapeClears?: boolean } = {}): void {
  const handlers = useRef({ onKey, onSubmit });
  useLayoutEffect(() => {
    handlers.current = { onKey, onSubmit };
  });
  const escapeClears = options.escapeClears ?? true;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !escapeClears) return;
      if (event.repeat && event.key === 'Enter') return;
      const action = pinKeyAction({ key: event.key, code: event.code, shiftKey: event.shiftKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inTextField: isTextField(event.target) });
      if (!action) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (action.type === 'submit') handlers.current.onSubmit();
      else handlers.current.onKey(action.key);
    };
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, [enabled, escapeClears]);
}
