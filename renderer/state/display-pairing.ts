// Pairing a tablet as the customer display: typing the six-digit code shown on the till, and what to
// say when the till refuses it. Pure, so the screens stay thin.
import type { MessageKey } from '../../shared/i18n/translate';
import type { PosErrorBody } from '../../shared/pos-error';
import type { TransportErrorBody } from '../transport/renderer-transport';
import type { PinKey } from './pin-entry';

export const PAIRING_CODE_LENGTH = 6;

/** The code after one key of the pad (or the keyboard): digits only, at most six. */
export function pressPairingCode(code: string, key: PinKey): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return code.slice(0, -1);
  return code.length >= PAIRING_CODE_LENGTH ? code : code + key;
}

export function isCompletePairingCode(code: string): boolean {
  return new RegExp(`^\\d{${PAIRING_CODE_LENGTH}}$`).test(code);
}

/** "482913" → "482 913": easier to read out across a counter. */
export function formatPairingCode(code: string): string {
  return code.length === PAIRING_CODE_LENGTH ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

/** Whether an answer from the customer feed means this display must be paired first. */
export function needsPairing(error: PosErrorBody | null | undefined): boolean {
  return error?.code === 'unauthorized';
}

/** The message for a refused pairing attempt, in the display's languages. */
export function pairingErrorKey(error: PosErrorBody | TransportErrorBody): MessageKey {
  if ('unreachable' in error && error.unreachable) return 'error.till_unreachable';
  if (error.code === 'rate_limited') return 'pair.error.locked';
  if (error.code === 'unauthorized' && /expired|already used/i.test(error.message)) return 'pair.error.expired';
  if (error.code === 'unauthorized' || error.code === 'invalid_input') return 'pair.error.wrong';
  return 'error.internal';
}
