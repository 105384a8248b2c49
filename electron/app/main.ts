// Electron main-process entry (bundled to dist-electron/main.cjs). Wires the real core and HTTP server
// into the desktop shell; everything else lives in app-lifecycle.ts.
import { startHttpServer } from '../core/http/http-server';
import { startCore } from '../core/start-core';
import { runDesktopApp } from './app-lifecycle';

runDesktopApp({ startCore, startHttpServer });
