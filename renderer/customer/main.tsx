import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createCustomerStore } from '../state/customer-store';
import { selectTransport } from '../transport/select-transport';
import { initialLang } from '../ui/browser-lang';
import { CustomerApp } from './CustomerApp';

const store = createCustomerStore({ transport: selectTransport(), lang: initialLang() });
store.getState().start();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <CustomerApp store={store} />
  </StrictMode>,
);
