// One rule: inside the desktop app the preload has put `window.pos` there → IPC; anywhere else
// (a browser till, a tablet customer display, tests) → HTTP to the page's own origin.
import { createHttpTransport } from './http-transport';
import { createIpcTransport, isPosBridge, type PosBridge } from './ipc-transport';
import type { RendererTransport } from './renderer-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    pos?: PosBridge;
  }
}

export function selectTransport(win: Window = window): RendererTransport {
  return isPosBridge(win.pos) ? createIpcTransport(win.pos) : createHttpTransport();
}
