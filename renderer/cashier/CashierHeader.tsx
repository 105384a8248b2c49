import { LangToggle } from '../ui/LangToggle';
import type { T } from '../ui/translator';
import { useCashier } from './store-context';

export function CashierHeader({ t }: { t: T }) {
  const info = useCashier((s) => s.info);
  const lang = useCashier((s) => s.lang);
  const setLang = useCashier((s) => s.setLang);
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="logo" aria-hidden="true">
          ช
        </span>
        <div>
          <div className="topbar__title">{t('app.title')}</div>
          {info ? (
            <div className="topbar__sub">
              {info.shopName} · {info.tillId}
            </div>
          ) : null}
        </div>
      </div>
      <div className="topbar__end">
        {info?.demo ? (
          <span className="badge badge--demo" data-testid="demo-badge">
            {t('app.demoBadge')}
          </span>
        ) : info?.mode === 'test' ? (
          <span className="badge badge--test">{t('app.testMode')}</span>
        ) : null}
        <LangToggle lang={lang} onChange={setLang} />
      </div>
    </header>
  );
}
