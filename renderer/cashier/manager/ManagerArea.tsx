import type { MessageKey } from '../../../shared/i18n/translate';
import { MANAGER_TABS, tabOf, type ManagerTab, type Route } from '../../state/manager-route';
import type { T } from '../../ui/translator';
import { ExportsView } from './ExportsView';
import { HistoryView } from './HistoryView';
import { PeopleView } from './PeopleView';
import { PeriodReportView } from './PeriodReportView';
import { ReportView } from './ReportView';
import { SaleDetailView } from './SaleDetailView';
import { SettingsView } from './SettingsView';
import { ZReportsView } from './ZReportsView';
import { ItemSalesView } from '../items/ItemSalesView';
import { ItemsView } from '../items/ItemsView';

const TAB_LABEL: Record<ManagerTab, MessageKey> = {
  history: 'nav.history',
  report: 'nav.report',
  period: 'period.nav',
  itemsales: 'items.report.nav',
  items: 'items.nav',
  zreports: 'nav.zreports',
  exports: 'nav.exports',
  people: 'nav.people',
  settings: 'nav.settings',
};
// Line icons drawn here (no icon font, no emoji font needed on the till).
const TAB_ICON: Record<ManagerTab, string> = {
  history: 'M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6M9 16h3',
  report: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  period: 'M3 5h18v16H3zM3 10h18M8 3v4M16 3v4M7 17v-3M12 17v-5M17 17v-2',
  itemsales: 'M4 4h16v16H4zM8 9h8M8 13h8M8 17h5',
  items: 'M3 7l9-4 9 4-9 4zM3 7v10l9 4 9-4V7M12 11v10',
  zreports: 'M6 2h12v20l-3-2-3 2-3-2-3 2zM9 7h6M9 11h6M9 15l2 2 4-4',
  exports: 'M12 3v12M7 10l5 5 5-5M4 19h16',
  people: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21a7 7 0 0 1 14 0M16 3.5a4 4 0 0 1 0 7.5M18 14a6 6 0 0 1 4 7',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-2.9 1.2V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-2.9-1.2l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1A1.7 1.7 0 0 0 3 15H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.2-2.9l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1A1.7 1.7 0 0 0 10 4V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 2.9 1.2l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1A1.7 1.7 0 0 0 21 10h.1a2 2 0 1 1 0 4z',
};

/** The manager's side: tabs on the left, one screen on the right. */
export function ManagerArea({ t, route, go }: { t: T; route: Route; go: (route: Route) => void }) {
  const active = tabOf(route);
  return (
    <div className="manager">
      <nav className="manager__nav" aria-label={t('nav.manager')}>
        {MANAGER_TABS.map((tab) => (
          <a
            key={tab}
            href={`#/${tab}`}
            className={`manager__tab${active === tab ? ' is-active' : ''}`}
            data-testid={`tab-${tab}`}
            aria-current={active === tab ? 'page' : undefined}
          >
            <span className="manager__tab-icon" aria-hidden="true">
              <svg viewBox="0 0 24 24">
                <path d={TAB_ICON[tab]} />
              </svg>
            </span>
            {t(TAB_LABEL[tab])}
          </a>
        ))}
      </nav>
      <main className="manager__content" id="manager-main" tabIndex={-1} aria-label={active ? t(TAB_LABEL[active]) : undefined}>
        {route.name === 'history' ? <HistoryView t={t} go={go} /> : null}
        {route.name === 'sale' ? <SaleDetailView t={t} saleId={route.saleId} go={go} /> : null}
        {route.name === 'report' ? <ReportView t={t} go={go} /> : null}
        {route.name === 'period' ? <PeriodReportView t={t} go={go} /> : null}
        {route.name === 'itemsales' ? <ItemSalesView t={t} /> : null}
        {route.name === 'items' ? <ItemsView t={t} /> : null}
        {route.name === 'zreports' ? <ZReportsView t={t} /> : null}
        {route.name === 'exports' ? <ExportsView t={t} /> : null}
        {route.name === 'people' ? <PeopleView t={t} /> : null}
        {route.name === 'settings' ? <SettingsView t={t} /> : null}
      </main>
    </div>
  );
}
