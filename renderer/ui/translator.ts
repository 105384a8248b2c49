import type { Lang, MessageKey } from '../../shared/i18n/translate';
import { translate } from '../../shared/i18n/translate';

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translatorFor(lang: Lang): T {
  return (key, vars) => translate(lang, key, vars);
}
