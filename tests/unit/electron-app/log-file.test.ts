// The desktop app's log file (electron/app/log-file.ts) on a real folder: rotation by size with the
// oldest file dropped, every secret kind redacted on its way through the real console capture (read
// back from the file), owner-only permissions on POSIX, a write failure that never breaks the till,
// and the folder opened through Electron's shell (the fake records the call).
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';
import { RecordingCore } from './support/recording-core';

vi.mock('electron', () => import('../../fakes/electron'));

const { LOG_FILE_NAME, logFilePath, openLogFile, startFileLogging } = await import('../../../electron/app/log-file');
const { createLogFolderPort } = await import('../../../electron/app/log-folder');
const { runDesktopApp } = await import('../../../electron/app/app-lifecycle');

let dir: string;
const NOON = new Date('2026-12-03T05:00:00.000Z');

beforeEach(() => {
  fake.resetFakeElectron();
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'chamra-logs-')), 'logs');
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

/** Every file of the log, oldest first, as one list of lines. */
function allLines(files = 5): string[] {
  const lines: string[] = [];
  for (let index = files - 1; index >= 0; index -= 1) {
    const file = logFilePath(dir, index);
    if (existsSync(file)) lines.push(...readFileSync(file, 'utf8').split('\n').filter(Boolean));
  }
  return lines;
}

/** A console stand-in that keeps what would have reached stdout. */
function recordingConsole() {
  const out: string[] = [];
  const put = (...args: unknown[]) => void out.push(args.join(' '));
  return { out, target: { debug: put, log: put, info: put, warn: put, error: put } };
}

describe('the log file', () => {
  it('writes one line per entry with the ISO time and the level, a stack indented under its line', () => {
    const file = openLogFile({ dir, now: () => NOON });
    file.write('info', 'core started');
    file.write('error', 'Unexpected error: Error: boom\n    at charge (payment-service.ts:10)');
    file.write('warn', 'ไม่มีเครือข่าย');
    file.close();
    expect(file.path).toBe(path.join(dir, LOG_FILE_NAME));
    expect(readFileSync(file.path, 'utf8')).toBe(
      '2026-12-03T05:00:00.000Z INFO  core started\n' +
        '2026-12-03T05:00:00.000Z ERROR Unexpected error: Error: boom\n        at charge (payment-service.ts:10)\n' +
        '2026-12-03T05:00:00.000Z WARN  ไม่มีเครือข่าย\n',
    );
  });

  it('rotates by size: never more than 5 files, none above the limit, the oldest lines dropped, the rest in order', () => {
    const file = openLogFile({ dir, maxBytes: 1000, files: 5, now: () => NOON });
    for (let n = 1; n <= 400; n += 1) file.write('info', `line ${String(n).padStart(4, '0')} ${'x'.repeat(40)}`);
    file.close();
    expect(readdirSync(dir).sort()).toEqual(['chamra-pos.1.log', 'chamra-pos.2.log', 'chamra-pos.3.log', 'chamra-pos.4.log', 'chamra-pos.log']);
    for (const name of readdirSync(dir)) expect(statSync(path.join(dir, name)).size).toBeLessThanOrEqual(1000);
    const numbers = allLines().map((line) => Number(/line (\d{4})/.exec(line)?.[1]));
    // The newest line is kept, older ones go whole files at a time, and what is kept has no gap.
    expect(numbers.at(-1)).toBe(400);
    expect(numbers[0]).toBeGreaterThan(1);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => numbers[0]! + i));
    expect(numbers.length).toBeGreaterThan(4 * 12); // four full older files (12 lines of 81 bytes each) and part of the current one
  });

  it('continues an existing file after a restart, counting what it already holds towards the limit', () => {
    const first = openLogFile({ dir, maxBytes: 400, now: () => NOON });
    first.write('info', 'before the restart '.padEnd(150, '.'));
    first.write('info', 'before the restart, again '.padEnd(150, '.'));
    first.close();
    const second = openLogFile({ dir, maxBytes: 400, now: () => NOON });
    second.write('info', 'after the restart '.padEnd(150, '.'));
    second.close();
    expect(readFileSync(logFilePath(dir, 1), 'utf8')).toContain('before the restart');
    expect(readFileSync(logFilePath(dir, 0), 'utf8')).toContain('after the restart');
  });

  it('cuts one runaway entry instead of letting it push every other line out', () => {
    const file = openLogFile({ dir, maxBytes: 1000, now: () => NOON });
    file.write('info', 'y'.repeat(5000));
    file.close();
    const text = readFileSync(file.path, 'utf8');
    expect(text.length).toBeLessThan(500);
    expect(text).toContain('… [cut]');
  });

  it.skipIf(process.platform === 'win32')('is readable by the owner only (folder 0700, files 0600), older looser ones tightened', () => {
    openLogFile({ dir, maxBytes: 400 }).close();
    chmodSync(dir, 0o755);
    chmodSync(logFilePath(dir, 0), 0o644);
    const file = openLogFile({ dir, maxBytes: 400 });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    for (const letter of ['a', 'b', 'c']) file.write('info', letter.repeat(150)); // the third rotates
    file.close();
    for (const name of readdirSync(dir)) expect(statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('a file that cannot be written is reported once and never throws at the till', () => {
    const failures: unknown[] = [];
    const file = openLogFile({ dir, maxBytes: 200, onFailure: (error) => failures.push(error) });
    rmSync(dir, { recursive: true, force: true }); // the folder goes: the next rotation cannot open a file
    for (let n = 0; n < 10; n += 1) expect(() => file.write('info', 'z'.repeat(120))).not.toThrow();
    expect(failures).toHaveLength(1);
    file.close();
  });
});

describe('what reaches the log file', () => {
  it('has every kind of secret removed, whichever console method and format wrote it (read back from the file)', () => {
    const { out, target } = recordingConsole();
    const logging = startFileLogging({ dir, console: target, now: () => NOON });
    const relayToken = 'RelayTokenOfAnyShape9f3c2a71';
    const apiToken = 'local-api-token-5be1c0de';
    logging.addSecrets([relayToken, apiToken, null]);
    const secrets = [
      'sk_live_51StripeSecretKey000', 'rk_test_51RestrictedKey111', 'whsec_WebhookSigningSecret222',
      relayToken, apiToken, '482913', 'somchai.customer@example.co.th', 'nok%40example.com',
    ];
    target.error('[ipc] sales.charge threw: %s', new Error('Invalid API Key provided: sk_live_51StripeSecretKey000'));
    target.warn(`[relay] connecting with token ${relayToken} (webhook secret whsec_WebhookSigningSecret222)`);
    target.log('restricted key rk_test_51RestrictedKey111 checked; Authorization: Bearer', apiToken);
    target.info({ op: 'auth.elevate', input: { pin: '482913' } });
    target.debug('receipt e-mailed to somchai.customer@example.co.th; billing_details[email]=nok%40example.com');
    target.warn('Warning: POS_SHOP_EMAIL is not set; PromptPay charges use receipts@chamra-pos.invalid');
    logging.stop();

    const written = readFileSync(logFilePath(dir, 0), 'utf8');
    for (const secret of secrets) {
      expect(written, `the file holds ${secret}`).not.toContain(secret);
      expect(out.join('\n'), `stdout holds ${secret}`).not.toContain(secret);
    }
    // Entries only (the error's stack follows its line, indented).
    const lines = written.split('\n').filter((line) => /^\d{4}-\d\d-\d\dT/.test(line));
    expect(lines.map((line) => line.slice(25, 30))).toEqual(['ERROR', 'WARN ', 'INFO ', 'INFO ', 'DEBUG', 'WARN ']);
    expect(lines[0]).toContain('[ipc] sales.charge threw: Error: Invalid API Key provided: sk_[redacted]');
    expect(lines[1]).toContain('[relay] connecting with token [redacted] (webhook secret whsec_[redacted])');
    expect(written).toContain("pin: '[redacted]'");
    expect(written).toContain('receipt e-mailed to [email]');
    // What is no secret stays readable for IT (the till's placeholder address under .invalid belongs to nobody).
    expect(written).toContain('sales.charge');
    expect(written).toContain('auth.elevate');
    expect(written).toContain('PromptPay charges use receipts@chamra-pos.invalid');
  });

  it('puts the console back when stopped: later lines reach neither the file nor the redaction', () => {
    const { out, target } = recordingConsole();
    const logging = startFileLogging({ dir, console: target });
    target.log('while logging');
    logging.stop();
    target.log('after stopping');
    expect(readFileSync(logFilePath(dir, 0), 'utf8')).not.toContain('after stopping');
    expect(out).toEqual(['while logging', 'after stopping']);
  });
});

describe('the desktop app with its log file', () => {
  it('writes its own lines and the core’s to the file, with the launch environment’s secrets removed by value', async () => {
    for (const level of ['log', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => undefined);
    const userData = path.dirname(dir);
    fake.app.userDataDir = userData;
    const logging = startFileLogging({ dir, console: console as never });
    const apiToken = 'opaque-integration-token-7Q2';
    let coreLog: ((message: string) => void) | undefined;
    let logsPort: { folder: string; file: string; openFolder(): Promise<void> } | undefined;
    try {
      const handle = runDesktopApp({
        env: { POS_DATA_DIR: path.join(userData, 'data'), POS_API_TOKEN: apiToken },
        argv: ['electron', '.'],
        logging,
        startCore: async (config, options) => {
          coreLog = options?.log;
          logsPort = options?.logs;
          return new RecordingCore(config);
        },
        startHttpServer: async () => ({ url: 'http://127.0.0.1:4300', close: async () => undefined }),
      });
      fake.app.becomeReady();
      await handle.started;
      coreLog!(`integration call refused for token ${apiToken}`);
      console.warn(`[windows] page said ${apiToken}`);
      await handle.shutdown();
    } finally {
      logging.stop();
    }
    const written = readFileSync(logFilePath(dir, 0), 'utf8');
    expect(written).toContain(`Chamra POS 0.0.0-test starting on ${process.platform}; this log is ${logFilePath(dir, 0)}`);
    expect(written).toContain('integration API and webhook endpoint on http://127.0.0.1:4300');
    expect(written).toContain('integration call refused for token [redacted]');
    expect(written).toContain('[windows] page said [redacted]');
    expect(written).not.toContain(apiToken);
    // The core is lent the folder, and opening it goes to the OS's file manager.
    expect(logsPort).toMatchObject({ folder: dir, file: logFilePath(dir, 0) });
    await logsPort!.openFolder();
    expect(fake.shell.opened).toEqual([dir]);
  });
});

describe('the log folder port', () => {
  it('opens the folder (making it again if it was deleted) and rejects with the OS’s reason', async () => {
    const port = createLogFolderPort({ dir, path: logFilePath(dir, 0) });
    await port.openFolder();
    expect(existsSync(dir)).toBe(true);
    expect(fake.shell.opened).toEqual([dir]);
    fake.shell.problem = 'Failed to open path';
    await expect(port.openFolder()).rejects.toThrow('Failed to open path');
    writeFileSync(path.join(dir, 'x'), ''); // the folder is still there, untouched
    expect(fake.shell.opened).toEqual([dir, dir]);
  });
});
