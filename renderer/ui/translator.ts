import type { Lang, MessageKey } from '../../shared/i18n/translate';
import { translate } from '../../shared/i18n/translate';

/** Translates into one language; `lang` says which (the core's English words are shown only on English screens). */
export type T = ((key: MessageKey, vars?: Record<string, string | number>) => string) & { lang?: Lang };

/** One translator per language, so a screen's `t` keeps its identity across renders (memoised parts stay put). */
const translators = new Map<Lang, T>();

export function translatorFor(lang: Lang): T {
  let t = translators.get(lang);
  if (!t) {
    t = Object.assign((key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars), { lang });
    translators.set(lang, t);
  }
  return t;
}
