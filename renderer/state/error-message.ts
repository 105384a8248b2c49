// Every error a screen shows comes from its code, in the screen's language.
import type { MessageKey } from '../../shared/i18n/translate';
import type { PosErrorBody } from '../../shared/pos-error';
import type { TransportErrorBody } from '../transport/renderer-transport';

export function errorMessageKey(error: PosErrorBody | TransportErrorBody): MessageKey {
  if ('unreachable' in error && error.unreachable) return 'error.till_unreachable';
  return `error.${error.code}`;
}
