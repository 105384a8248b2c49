// Runs sandboxed in every window before the page. Exposes window.pos and nothing else; bundled to
// CommonJS (dist-electron/preload.cjs) because sandboxed preloads cannot load ES modules.
import { contextBridge, ipcRenderer } from 'electron';
import { buildPosBridge } from './preload-api';

contextBridge.exposeInMainWorld(
  'pos',
  buildPosBridge({
    invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    on: (channel, listener) => ipcRenderer.on(channel, listener),
    removeListener: (channel, listener) => ipcRenderer.removeListener(channel, listener),
  }),
);
