import type { Lang, MessageKey } from '../../shared/i18n/translate';
import { translate } from '../../shared/i18n/translate';

/** Translates into one language; `lang` says which (the core's English words are shown only on English screens). */
export type T = ((key: MessageKey, vars?: Record<string, string | number>) => string) & { lang?: Lang };

export function translatorFor(lang: Lang): T {
  return Object.assign((key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars), { lang });
}
