import { useEffect, useRef } from 'react';
import { ConnectionBanner } from '../ui/ConnectionBanner';
import { LinkWarnings } from '../ui/LinkWarnings';
import type { T } from '../ui/translator';
import { useHashRoute } from '../ui/use-hash-route';
import { useAppStores, useSlice } from './app-stores-context';
import { ElevateDialog } from './auth/ElevateDialog';
import { CashierApp } from './CashierApp';
import { CashierHeader } from './CashierHeader';
import { ManagerArea } from './manager/ManagerArea';
import { SetupEntry } from './setup/SetupSettingsCards';
import { SetupWizard } from './setup/SetupWizard';
import { StripeAccountBanners } from './StripeAccountBanners';
import { UpdateBanner } from './UpdateBanner';
import { useCashier } from './store-context';

/** Where focus goes when the till or the manager's area opens: that area's main region. */
export const AREA_FOCUS_ID = { till: 'till-main', manager: 'manager-main' } as const;

/**
 * Focus follows the area. The header button that was pressed turns into its opposite (Manager ↔
 * Back to till), so left focused, the next Enter would press it and switch areas again.
 */
function useFocusFollowsArea(area: keyof typeof AREA_FOCUS_ID): void {
  const shown = useRef(area);
  useEffect(() => {
    if (shown.current === area) return;
    shown.current = area;
    document.getElementById(AREA_FOCUS_ID[area])?.focus({ preventScroll: true });
  }, [area]);
}

/** A signed-in session: the till at #/, the manager's area at its own routes, the PIN dialog over both. */
export function SignedInApp({ t }: { t: T }) {
  const stores = useAppStores();
  const userId = useSlice('auth', (s) => s.status?.user?.cashierId ?? null);
  // Setup is a manager's (its ops are manager-only): a cashier is never asked for a PIN just to look.
  const manager = useSlice('auth', (s) => s.status?.user?.role === 'manager');
  const wizardOpen = useSlice('setup', (s) => s.wizardOpen);
  const connection = useCashier((s) => s.connection);
  const path = useSlice('path', (s) => s.path);
  const [route, go] = useHashRoute();
  useFocusFollowsArea(route.name === 'till' ? 'till' : 'manager');

  // The till's state is read per session: a new cashier sees the sale on screen and recent sales.
  useEffect(() => {
    if (!userId) return;
    return stores.cashier.getState().start();
  }, [stores, userId]);

  useEffect(() => {
    if (userId && manager) void stores.setup.getState().load();
  }, [stores, userId, manager]);

  return (
    <div className="cashier-shell">
      <CashierHeader t={t} route={route} go={go} />
      <ConnectionBanner connection={connection} t={t} />
      <LinkWarnings path={path} t={t} />
      <StripeAccountBanners t={t} />
      <UpdateBanner t={t} />
      {manager && !wizardOpen ? <SetupEntry t={t} /> : null}
      {manager && wizardOpen ? <SetupWizard t={t} /> : route.name === 'till' ? <CashierApp t={t} /> : <ManagerArea t={t} route={route} go={go} />}
      <ElevateDialog t={t} />
    </div>
  );
}
