import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStores } from '../state/app-stores';
import { selectTransport } from '../transport/select-transport';
import { initialLang, saveLang } from '../ui/browser-lang';
import { AppRoot } from './AppRoot';
import { AppStoresContext } from './app-stores-context';
import { CashierStoreContext } from './store-context';

const stores = createAppStores({ transport: selectTransport(), lang: initialLang(), persistLang: saveLang });
stores.start();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <AppStoresContext value={stores}>
      <CashierStoreContext value={stores.cashier}>
        <AppRoot />
      </CashierStoreContext>
    </AppStoresContext>
  </StrictMode>,
);
