import { useEffect } from 'react';
import { ConnectionBanner } from '../ui/ConnectionBanner';
import { LinkWarnings } from '../ui/LinkWarnings';
import type { T } from '../ui/translator';
import { useHashRoute } from '../ui/use-hash-route';
import { useAppStores, useSlice } from './app-stores-context';
import { ElevateDialog } from './auth/ElevateDialog';
import { CashierApp } from './CashierApp';
import { CashierHeader } from './CashierHeader';
import { ManagerArea } from './manager/ManagerArea';
import { useCashier } from './store-context';

/** A signed-in session: the till at #/, the manager's area at its own routes, the PIN dialog over both. */
export function SignedInApp({ t }: { t: T }) {
  const stores = useAppStores();
  const userId = useSlice('auth', (s) => s.status?.user?.cashierId ?? null);
  const connection = useCashier((s) => s.connection);
  const path = useSlice('path', (s) => s.path);
  const [route, go] = useHashRoute();

  // The till's state is read per session: a new cashier sees the sale on screen and recent sales.
  useEffect(() => {
    if (!userId) return;
    return stores.cashier.getState().start();
  }, [stores, userId]);

  return (
    <div className="cashier-shell">
      <CashierHeader t={t} route={route} go={go} />
      <ConnectionBanner connection={connection} t={t} />
      <LinkWarnings path={path} t={t} />
      {route.name === 'till' ? <CashierApp t={t} /> : <ManagerArea t={t} route={route} go={go} />}
      <ElevateDialog t={t} />
    </div>
  );
}
