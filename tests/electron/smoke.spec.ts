// The real desktop app under Playwright's _electron: the built main process (dist-electron/main.cjs,
// started the way `npm start` starts it) with a fresh user-data folder and no Stripe key, so DEMO
// mode. Run by the installers workflow on Windows, macOS and Linux (`npm run test:electron`); the
// Electron runtime cannot be downloaded on the project's own machines.
//
// The walk through the screens is tests/e2e/pages/first-demo-sales.ts, the same page objects the
// browser-mode suite runs on every CI run (tests/e2e/demo-mode.spec.ts): here the till is the
// cashier's window and the customer display is the app's second window, talking to the core over IPC.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { RENDERER_CSP } from '../../electron/core/renderer-files';
import { CustomerDisplayPage } from '../e2e/pages/customer-display-page';
import { firstDemoSales } from '../e2e/pages/first-demo-sales';
import { TillPage } from '../e2e/pages/till-page';
import { freePort } from '../e2e/support/processes';
import { OWNER } from '../e2e/support/sign-in';
import { CHECKED_WEB_PREFERENCE_NAMES, webPreferencesProblems } from './window-security';

const projectDir = path.resolve(import.meta.dirname, '../..');
/** Anything that would make this run something other than a fresh till in DEMO mode. */
const INHERITED = ['STRIPE_SECRET_KEY', 'STRIPE_API_BASE', 'STRIPE_WEBHOOK_SECRET', 'POS_RELAY_URL', 'POS_RELAY_TOKEN', 'POS_API_TOKEN', 'POS_DATA_DIR', 'ELECTRON_RUN_AS_NODE'];

// One app per worker: the tests share it, and after a failure Playwright starts a new worker (and app) for the rest.
let app: ElectronApplication;
let userData: string;
let failed = false;

test.beforeAll(async () => {
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-electron-smoke-'));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !INHERITED.includes(name)) env[name] = value;
  env.POS_DATA_DIR = path.join(userData, 'data');
  env.POS_PORT = String(await freePort());
  // The project folder as the app (its package.json "main" is dist-electron/main.cjs), as `npm start` runs it.
  // Not the packed app: its fuses refuse --inspect and it exits on --remote-debugging-port, both of which _electron needs.
  app = await electron.launch({ args: [projectDir, `--user-data-dir=${userData}`], cwd: projectDir, env });
  app.process().stdout?.on('data', (chunk: Buffer) => process.stdout.write(`[app] ${chunk.toString()}`));
  app.process().stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[app] ${chunk.toString()}`));
  await app.context().tracing.start({ screenshots: true, snapshots: true });
});

test.afterEach(async () => {
  const testInfo = test.info();
  if (testInfo.status === testInfo.expectedStatus) return;
  failed = true;
  if (!app) return;
  for (const [index, window] of app.windows().entries()) {
    await attachScreenshot(window, `window-${index}-${new URL(window.url() || 'about:blank').pathname.split('/')[1] || 'blank'}.png`);
  }
});

/** For the person reading the run: a hidden window (the customer's, on one monitor) may paint nothing, so this never fails a test. */
async function attachScreenshot(window: Page, name: string): Promise<void> {
  const file = test.info().outputPath(name);
  try {
    await window.screenshot({ path: file, timeout: 10_000 });
    await test.info().attach(name, { path: file, contentType: 'image/png' });
  } catch (error) {
    console.log(`[smoke] no screenshot of ${name}: ${(error as Error).message.split('\n')[0]}`);
  }
}

test.afterAll(async () => {
  if (app) {
    await app.context().tracing.stop(failed ? { path: test.info().outputPath('trace.zip') } : {});
    await app.close();
  }
  if (userData) fs.rmSync(userData, { recursive: true, force: true });
});

/** The window showing one of the app's two screens (both open at start; their pages load on their own). */
async function windowShowing(screen: 'cashier' | 'customer'): Promise<Page> {
  const prefix = `app://pos/${screen}/`;
  await expect.poll(() => app.windows().some((window) => window.url().startsWith(prefix)), { message: `a window showing ${prefix}` }).toBe(true);
  return app.windows().find((window) => window.url().startsWith(prefix))!;
}

test('runs on a fresh user-data folder in DEMO mode with both windows open', async () => {
  const reported = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
  expect(fs.realpathSync(reported)).toBe(fs.realpathSync(userData));
  await windowShowing('cashier');
  await windowShowing('customer');
  expect(app.windows()).toHaveLength(2);
});

test('a sale in demo mode through the browser suite\'s page objects: owner set up, PromptPay paid on both windows, then cash', async () => {
  const cashier = await windowShowing('cashier');
  const customer = await windowShowing('customer');
  // A runner has one monitor, so the app keeps the customer window hidden (never over the till): its
  // page still runs and follows the sale, which is what is checked; nothing here clicks in it.
  const sales = await firstDemoSales(new TillPage(cashier), new CustomerDisplayPage(customer), OWNER);
  expect(sales.cashSaleId).not.toBe(sales.promptPay.saleId);
  // The ledger is where POS_DATA_DIR says, not in the user's real profile.
  expect(fs.existsSync(path.join(userData, 'data', 'ledger.sqlite3'))).toBe(true);
  for (const [name, window] of [['cashier', cashier], ['customer', customer]] as const) await attachScreenshot(window, `${name}-${process.platform}.png`);
});

test('both windows report the webPreferences electron/app/windows.ts sets', async () => {
  const windows = await app.evaluate(({ BrowserWindow }, names) => {
    return BrowserWindow.getAllWindows().map((window) => {
      // Not in Electron's typings, but it is what the renderer was really given.
      const contents = window.webContents as typeof window.webContents & { getLastWebPreferences?: () => Record<string, unknown> | null };
      const reported = contents.getLastWebPreferences?.() ?? null;
      return { url: contents.getURL(), preferences: reported ? Object.fromEntries(names.filter((name) => name in reported).map((name) => [name, reported[name]])) : null };
    });
  }, CHECKED_WEB_PREFERENCE_NAMES);
  expect(windows.map((window) => new URL(window.url).pathname).sort()).toEqual(['/cashier/index.html', '/customer/index.html']);
  for (const window of windows) expect(webPreferencesProblems(window.preferences), window.url).toEqual([]);
});

test('a window cannot navigate to another origin or open a new window', async () => {
  const cashier = await windowShowing('cashier');
  const attempt = await app.evaluate(async ({ BrowserWindow }, target) => {
    const contents = BrowserWindow.getAllWindows()
      .map((window) => window.webContents)
      .find((candidate) => candidate.getURL().startsWith('app://pos/cashier/'))!;
    // Registered after the app's own lock-down, so by the time it runs the app has had its say.
    const seen = new Promise<{ url: string; prevented: boolean }>((resolve) => {
      contents.once('will-navigate', (event) => resolve({ url: event.url, prevented: event.defaultPrevented }));
    });
    await contents.executeJavaScript(`location.href = ${JSON.stringify(target)}; true`);
    const navigation = await seen;
    const popup = await contents.executeJavaScript(`window.open(${JSON.stringify(target)}) === null`);
    return { navigation, popupRefused: popup === true, windows: BrowserWindow.getAllWindows().length };
  }, 'https://example.com/');
  expect(attempt).toEqual({ navigation: { url: 'https://example.com/', prevented: true }, popupRefused: true, windows: 2 });
  // The page is still ours and alive: it answers from its own origin.
  await expect(cashier).toHaveURL(/^app:\/\/pos\/cashier\//);
  expect(await cashier.evaluate(() => (globalThis as unknown as { location: { origin: string } }).location.origin)).toBe('app://pos');
});

test('every page comes with the strict CSP, and the window enforces it', async () => {
  const served = await app.evaluate(async ({ net }) => {
    const answers = [];
    for (const url of ['app://pos/cashier/index.html', 'app://pos/customer/index.html']) {
      const response = await net.fetch(url);
      answers.push({ url, status: response.status, csp: response.headers.get('content-security-policy') });
    }
    return answers;
  });
  for (const answer of served) expect(answer, answer.url).toMatchObject({ status: 200, csp: RENDERER_CSP });
  const cashier = await windowShowing('cashier');
  // script-src 'self' without 'unsafe-eval': code made from a string is refused in the page itself.
  const evalResult = await cashier.evaluate(() => {
    try {
      return String(new Function('return "ran"')());
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(evalResult).toBe('EvalError');
});
