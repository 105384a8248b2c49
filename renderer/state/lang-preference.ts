// The screen language: ?lang= wins (screenshots, a customer display set up by URL), then what the
// cashier chose last time, then Thai.
import type { Lang } from '../../shared/i18n/translate';
import { LANGS } from '../../shared/i18n/translate';

export const LANG_STORAGE_KEY = 'chamra.lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function resolveLang(search: string, stored: string | null, fallback: Lang = 'th'): Lang {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (isLang(fromUrl)) return fromUrl;
  if (isLang(stored)) return stored;
  return fallback;
}

export function otherLang(lang: Lang): Lang {
  return lang === 'th' ? 'en' : 'th';
}
