// Reading and saving the language choice in the browser (localStorage may be unavailable).
import type { Lang } from '../../shared/i18n/translate';
import { LANG_STORAGE_KEY, resolveLang } from '../state/lang-preference';

export function initialLang(): Lang {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    stored = null;
  }
  return resolveLang(window.location.search, stored);
}

export function saveLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  document.documentElement.lang = lang;
}
