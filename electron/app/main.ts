// Electron main-process entry (bundled to dist-electron/main.cjs). Starts the log file first (so even
// a refusal to start is in it for IT), then wires the real core and HTTP server into the desktop shell;
// everything else lives in app-lifecycle.ts.
import path from 'node:path';
import { app } from 'electron';
import { startHttpServer } from '../core/http/http-server';
import { startCore } from '../core/start-core';
import { runDesktopApp } from './app-lifecycle';
import { startFileLogging, type FileLogging } from './log-file';
import { describeError } from './log-redaction';

function startLogging(): FileLogging | null {
  try {
    return startFileLogging({ dir: path.join(app.getPath('userData'), 'logs') });
  } catch (error) {
    // A till without its log file still sells; the console keeps the lines.
    console.error(`[chamra] no log file (${describeError(error)}); logging to the console only.`);
    return null;
  }
}

runDesktopApp({ startCore, startHttpServer, logging: startLogging() });
