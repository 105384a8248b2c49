// Hash routes inside the cashier app: the till at #/, the manager's area under its own paths.
export type ManagerTab = 'history' | 'report' | 'period' | 'itemsales' | 'zreports' | 'exports' | 'items' | 'people' | 'settings';
export type Route = { name: 'till' } | { name: ManagerTab } | { name: 'sale'; saleId: string };

export const MANAGER_TABS: readonly ManagerTab[] = ['history', 'report', 'period', 'itemsales', 'zreports', 'exports', 'items', 'people', 'settings'];

const SALE_ID = /^sale_[A-Za-z0-9]{8,40}$/;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === '') return { name: 'till' };
  const [head, arg] = path.split('/');
  if (head === 'sale' && arg && SALE_ID.test(decodeURIComponent(arg))) return { name: 'sale', saleId: decodeURIComponent(arg) };
  if ((MANAGER_TABS as readonly string[]).includes(head) && arg === undefined) return { name: head as ManagerTab };
  return { name: 'till' };
}

export function routeHash(route: Route): string {
  if (route.name === 'till') return '#/';
  if (route.name === 'sale') return `#/sale/${encodeURIComponent(route.saleId)}`;
  return `#/${route.name}`;
}

/** The tab highlighted for a route: a sale's detail belongs to History. */
export function tabOf(route: Route): ManagerTab | null {
  if (route.name === 'till') return null;
  if (route.name === 'sale') return 'history';
  return route.name;
}
