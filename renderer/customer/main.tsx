import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createCustomerStore } from '../state/customer-store';
import { followCustomerSound } from '../state/paid-sound-screens';
import { selectTransport } from '../transport/select-transport';
import { initialLang } from '../ui/browser-lang';
import { pageSoundOutput } from '../ui/sound/announce';
import { CustomerApp } from './CustomerApp';
import { preloadThaiFaces } from './preload-fonts';

preloadThaiFaces(document.fonts);
const transport = selectTransport();
const store = createCustomerStore({ transport, lang: initialLang() });
store.getState().start();
// The sound of being paid, once per sale (audio starts after the display's first tap: see README).
followCustomerSound({ transport, customer: store, output: pageSoundOutput() });

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <CustomerApp store={store} />
  </StrictMode>,
);
