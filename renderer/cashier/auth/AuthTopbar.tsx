import { LangToggle } from '../../ui/LangToggle';
import type { T } from '../../ui/translator';
import { useSlice } from '../app-stores-context';
import { useCashier } from '../store-context';
import { TopbarBrand } from '../TopbarBrand';

/** The header on the sign-in and first-run screens: brand, shop, demo badge, language. */
export function AuthTopbar({ t }: { t: T }) {
  const info = useSlice('auth', (s) => s.info);
  const lang = useCashier((s) => s.lang);
  const setLang = useCashier((s) => s.setLang);
  return (
    <header className="topbar">
      <TopbarBrand t={t} info={info} />
      <div className="topbar__end">
        {info?.demo ? (
          <span className="badge badge--demo" data-testid="demo-badge">
            {t('app.demoBadge')}
          </span>
        ) : null}
        <LangToggle lang={lang} onChange={setLang} />
      </div>
    </header>
  );
}
