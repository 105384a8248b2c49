import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createCashierStore } from '../state/cashier-store';
import { selectTransport } from '../transport/select-transport';
import { initialLang, saveLang } from '../ui/browser-lang';
import { CashierApp } from './CashierApp';
import { CashierStoreContext } from './store-context';

const store = createCashierStore({ transport: selectTransport(), lang: initialLang(), persistLang: saveLang });
store.getState().start();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <CashierStoreContext value={store}>
      <CashierApp />
    </CashierStoreContext>
  </StrictMode>,
);
