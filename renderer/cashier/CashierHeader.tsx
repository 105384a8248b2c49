import type { Route } from '../state/manager-route';
import { LangToggle } from '../ui/LangToggle';
import { PaymentPathIndicator } from '../ui/PaymentPathIndicator';
import type { T } from '../ui/translator';
import { useNow } from '../ui/use-now';
import { useAppStores, useSlice } from './app-stores-context';
import { PairDisplayDialog } from './PairDisplayDialog';
import { ShiftChip } from './shift/ShiftChip';
import { ShiftDialogs } from './shift/ShiftDialogs';
import { StripeAccountChip } from './StripeAccountChip';
import { useCashier } from './store-context';
import { TopbarBrand } from './TopbarBrand';

export function CashierHeader({ t, route, go }: { t: T; route: Route; go: (route: Route) => void }) {
  const info = useCashier((s) => s.info);
  const lang = useCashier((s) => s.lang);
  const setLang = useCashier((s) => s.setLang);
  const user = useSlice('auth', (s) => s.status?.user ?? null);
  const elevatedUntil = useSlice('auth', (s) => s.status?.elevatedUntil ?? null);
  const signOut = useSlice('auth', (s) => s.signOut);
  const path = useSlice('path', (s) => s.path);
  const openPairCode = useSlice('displays', (s) => s.openCode);
  const ensureManager = useSlice('auth', (s) => s.ensureManager);
  // Tablets pair with a till served over HTTP (browser mode); the desktop app's display is its own window.
  const browserMode = useAppStores().transport.kind === 'http';
  const inManager = route.name !== 'till';
  const now = useNow(10_000, elevatedUntil !== null);
  const elevated = user?.role === 'cashier' && elevatedUntil !== null && elevatedUntil > now;
  return (
    <header className="topbar">
      <TopbarBrand t={t} info={info} />
      <PaymentPathIndicator path={path} t={t} />
      <div className="topbar__end">
        <ShiftChip t={t} />
        <StripeAccountChip t={t} />
        {browserMode ? (
          <button
            type="button"
            className="topbar__btn topbar__btn--quiet topbar__btn--icon"
            data-testid="pair-display-button"
            aria-label={t('displays.pairAction')}
            title={t('displays.pairAction')}
            onClick={() => void openPairCode()}
          >
            {/* A screen with a link: on narrow tills only the icon shows. */}
            <svg className="topbar__btn-icon" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M3 5h18v11H3zM9 20h6M12 16v4" />
            </svg>
            <span className="topbar__btn-label">{t('displays.pairAction')}</span>
          </button>
        ) : null}
        <button
          type="button"
          className={`topbar__btn${inManager ? ' is-active' : ''}`}
          data-testid={inManager ? 'till-button' : 'manager-button'}
          onClick={() => {
            if (inManager) go({ name: 'till' });
            // Everything behind Manager is for managers: a cashier gives a manager's PIN first and
            // stays at the till without one (rather than meeting the PIN dialog over an empty screen).
            else void ensureManager('sales.search').then((granted) => granted && go({ name: 'history' }));
          }}
        >
          {inManager ? t('nav.backToTill') : t('nav.manager')}
        </button>
        {user ? (
          <div className="user-chip" data-testid="current-user" data-role={user.role} title={user.name}>
            <span className="user-chip__name">{user.name}</span>
            <span className="user-chip__role">{elevated ? t('role.elevated') : t(`role.${user.role}`)}</span>
          </div>
        ) : null}
        <button type="button" className="topbar__btn topbar__btn--quiet" data-testid="sign-out-button" onClick={() => void signOut()}>
          {t('auth.switchUser')}
        </button>
        <LangToggle lang={lang} onChange={setLang} />
      </div>
      {browserMode ? <PairDisplayDialog t={t} /> : null}
      <ShiftDialogs t={t} />
    </header>
  );
}
