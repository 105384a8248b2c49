import type { Lang } from '../../shared/i18n/translate';
import { otherLang } from '../state/lang-preference';
import { translatorFor } from './translator';

/** One button: shows both languages, the active one highlighted; a press switches to the other. */
export function LangToggle({ lang, onChange }: { lang: Lang; onChange: (lang: Lang) => void }) {
  const t = translatorFor(lang);
  return (
    <button
      type="button"
      className="lang-toggle"
      data-testid="lang-toggle"
      data-lang={lang}
      aria-label={`${t('lang.toggle')}: ${translatorFor(otherLang(lang))('lang.name')}`}
      onClick={() => onChange(otherLang(lang))}
    >
      <span className={lang === 'th' ? 'lang-toggle__opt is-active' : 'lang-toggle__opt'}>TH</span>
      <span className={lang === 'en' ? 'lang-toggle__opt is-active' : 'lang-toggle__opt'}>EN</span>
    </button>
  );
}
