// The log folder through the real core (real SQLite, dispatcher, access rules) and the desktop shell's
// real port over the fake Electron shell, which records what it was asked to open: only a manager sees
// the path or opens the folder, a browser has none to open, the OS's refusal reaches the manager, and
// the core's own log lines lose this till's secrets by value on their way out.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { LogsPort } from '../../../electron/core/logs/logs-side';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import type { LogFolderInfo } from '../../../shared/logs';
import type { Cashier } from '../../../shared/manager-types';
import { call, fastPolling, OWNER_PIN, signedInContext, tempDataDir, useTestCores } from '../../support/core-harness';

vi.mock('electron', () => import('../../fakes/electron'));
const { createLogFolderPort } = await import('../../../electron/app/log-folder');

const browserCore = useTestCores();
const started: PosCore[] = [];
let logDir: string;
beforeEach(() => {
  fake.resetFakeElectron();
  logDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'chamra-log-folder-')), 'logs');
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((core) => core.close()));
  rmSync(path.dirname(logDir), { recursive: true, force: true });
});

async function desktopCore(port: LogsPort, options: { apiToken?: string; log?: (line: string) => void } = {}): Promise<PosCore> {
  const config = loadCoreConfig({}, { dataDir: tempDataDir(), httpPort: 0, simPort: null, apiToken: options.apiToken ?? null });
  const core = await startCore(config, { pollSchedule: fastPolling, log: options.log ?? (() => undefined), logs: port });
  started.push(core);
  await signedInContext(core);
  return core;
}

async function refusal(core: PosCore, op: string, context: CallContext) {
  const result = await core.dispatch(op, {}, context);
  expect(result.ok, `${op} should be refused`).toBe(false);
  return (result as { ok: false; error: { code: string; field?: string; message: string } }).error;
}

/** A cashier signed in on their own client (no manager's PIN). */
async function cashierContext(core: PosCore): Promise<CallContext> {
  const cashier = await call<Cashier>(core, 'cashiers.create', { name: 'Nok', pin: '1357', role: 'cashier' });
  const context: CallContext = { transport: 'ipc', clientKey: 'ipc:cashier-window' };
  await call(core, 'auth.signIn', { cashierId: cashier.cashierId, pin: '1357' }, context);
  return context;
}

describe('the log folder', () => {
  it('in the desktop app: a manager sees where the log is and opens the folder in the OS file manager', async () => {
    const core = await desktopCore(createLogFolderPort({ dir: logDir, path: path.join(logDir, 'chamra-pos.log') }));
    const expected: LogFolderInfo = { folder: logDir, file: path.join(logDir, 'chamra-pos.log'), canOpen: true };
    expect(await call<LogFolderInfo>(core, 'logs.info', {})).toEqual(expected);
    expect(await call<LogFolderInfo>(core, 'logs.openFolder', {})).toEqual(expected);
    expect(fake.shell.opened).toEqual([logDir]);
  });

  it('a cashier (and anyone not signed in) can neither see the path nor open the folder; a manager’s PIN lets them', async () => {
    const core = await desktopCore(createLogFolderPort({ dir: logDir, path: path.join(logDir, 'chamra-pos.log') }));
    const cashier = await cashierContext(core);
    expect(await refusal(core, 'logs.info', cashier)).toMatchObject({ code: 'forbidden' });
    expect(await refusal(core, 'logs.openFolder', cashier)).toMatchObject({ code: 'forbidden' });
    const nobody: CallContext = { transport: 'ipc', clientKey: 'ipc:nobody' };
    expect(await refusal(core, 'logs.openFolder', nobody)).toMatchObject({ code: 'unauthorized' });
    expect(fake.shell.opened).toEqual([]);
    // A manager's PIN typed on the cashier's session raises it for a while: then it may.
    await call(core, 'auth.elevate', { pin: OWNER_PIN }, cashier);
    await call<LogFolderInfo>(core, 'logs.openFolder', {}, cashier);
    expect(fake.shell.opened).toEqual([logDir]);
  }, 60_000); // four PINs hashed at scrypt's full cost (owner, cashier, sign-in, elevation): slow on a loaded machine

  it('in a browser: no folder to show or open, and opening is refused with its reason', async () => {
    const core = await browserCore();
    expect(await call<LogFolderInfo>(core, 'logs.info', {})).toEqual({ folder: null, file: null, canOpen: false });
    expect(await refusal(core, 'logs.openFolder', await signedInContext(core))).toMatchObject({ code: 'conflict', field: 'logs' });
    expect(await refusal(core, 'logs.info', { transport: 'http', clientKey: 'http:nobody' })).toMatchObject({ code: 'unauthorized' });
  });

  it('when the OS cannot open it, the manager hears why (field logs) and nothing else changes', async () => {
    const core = await desktopCore(createLogFolderPort({ dir: logDir, path: path.join(logDir, 'chamra-pos.log') }));
    fake.shell.problem = 'No application is associated with the specified file';
    const error = await refusal(core, 'logs.openFolder', await signedInContext(core));
    expect(error).toMatchObject({ code: 'internal', field: 'logs' });
    expect(error.message).toContain('No application is associated');
  });

  it('the core’s own log lines lose this till’s secrets by value, and PINs and e-mails by shape', async () => {
    const apiToken = 'opaque-api-token-Zq81mW';
    const lines: string[] = [];
    const leaky: LogsPort = {
      get folder(): string {
        // An unexpected error whose message carries what must never be logged.
        throw new Error(`cannot read the folder for ${apiToken} (pin=482913, owner somchai@example.co.th)`);
      },
      file: 'unused',
      openFolder: async () => undefined,
    };
    const core = await desktopCore(leaky, { apiToken, log: (line) => lines.push(line) });
    expect(await refusal(core, 'logs.info', await signedInContext(core))).toMatchObject({ code: 'internal' });
    const written = lines.join('\n');
    expect(written).toContain('Unexpected error: Error: cannot read the folder for [redacted] (pin=[redacted], owner [email])');
    expect(written).not.toMatch(/opaque-api-token|482913|somchai@/);
  });
});
