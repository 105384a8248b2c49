import type { AppInfo } from '../../shared/pos-contract';
import type { T } from '../ui/translator';

/** The left of every cashier-app header: logo, app name, shop and till. */
export function TopbarBrand({ t, info }: { t: T; info: AppInfo | null | undefined }) {
  return (
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
  );
}
