#!/usr/bin/env node
// Starts the PACKED main process (dist-electron/main.cjs as it sits in the extracted app.asar, with
// its node_modules and the unpacked better-sqlite3) under plain Node, with the project's fake
// `electron` module (tests/fakes/electron) in place of the runtime this machine cannot download.
// It proves what Node can prove of the installed app: the bundle loads, every module it requires
// resolves INSIDE the package (never from the project's node_modules), the core starts in DEMO mode
// on a fresh ledger with the embedded Stripe simulator, a PromptPay charge is created through the
// REST API, a PDF report is set in the packed Sarabun fonts, both windows get the packed preload and
// the app:// protocol serves the packed screens, and quitting closes the ledger cleanly.
// What it cannot prove (a real window, Chromium, the fuses enforced) is the CI service's _electron run.
//   node scripts/package/packed-main-smoke.mjs <extracted app dir> <fake electron .cjs>
// Prints one JSON line; exits 0 only if every step passed.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import Module, { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const [appDir, fakeElectronPath] = process.argv.slice(2).map((p) => path.resolve(p));
if (!appDir || !fakeElectronPath) {
  console.error('usage: packed-main-smoke.mjs <extracted app dir> <fake electron .cjs>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const inside = (file) => file === appDir || file.startsWith(appDir + path.sep);

// Every require made by packed code: 'electron' becomes the fake; anything else must resolve inside
// the package (Node's own lookup, unchanged, only observed).
const resolvedOutside = [];
const resolvedPackages = new Set();
// Node's internal resolver: the one hook that sees every require() with its parent module.
const RESOLVE = '_resolveFilename';
const originalResolve = Module[RESOLVE];
Module[RESOLVE] = function resolveWithinPackage(request, parent, ...rest) {
  if (request === 'electron' && parent?.filename && inside(parent.filename)) return fakeElectronPath;
  const resolved = originalResolve.call(this, request, parent, ...rest);
  if (parent?.filename && inside(parent.filename) && !builtins.has(resolved)) {
    if (!inside(resolved)) resolvedOutside.push(`${request} → ${resolved} (from ${path.relative(appDir, parent.filename)})`);
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path.relative(appDir, resolved).split(path.sep).join('/'));
    if (match) resolvedPackages.add(match[1]);
  }
  return resolved;
};

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chamra-packed-smoke-'));
const token = randomBytes(24).toString('hex');
for (const name of Object.keys(process.env)) if (name.startsWith('STRIPE_') || name.startsWith('POS_')) delete process.env[name];
Object.assign(process.env, { POS_DATA_DIR: path.join(dataDir, 'data'), POS_PORT: '0', POS_HOST: '127.0.0.1', POS_API_TOKEN: token });

const steps = {};
const fake = require(fakeElectronPath);
fake.app.appPath = appDir;
fake.app.userDataDir = path.join(dataDir, 'userData');
fake.app.isPackaged = true;

// The shell logs its HTTP address once the core is up; the two windows are opened in the same
// synchronous run right after that line.
const serverUrl = new Promise((resolve, reject) => {
  const log = console.log;
  console.log = (...args) => {
    const line = args.map(String).join(' ');
    const match = /integration API and webhook endpoint on (http:\/\/\S+)/.exec(line);
    if (match) resolve(match[1]);
    if (/could not start/.test(line)) reject(new Error(line));
    log(...args);
  };
  const error = console.error;
  console.error = (...args) => {
    const line = args.map(String).join(' ');
    if (/could not start/.test(line)) reject(new Error(line));
    error(...args);
  };
});

async function run() {
  require(path.join(appDir, 'dist-electron', 'main.cjs'));
  steps.mainLoaded = true;
  fake.app.becomeReady();
  const url = await serverUrl;
  steps.coreStarted = true;

  const windows = fake.BrowserWindow.instances;
  const preload = path.join(appDir, 'dist-electron', 'preload.cjs');
  if (windows.length !== 2) throw new Error(`expected the cashier and customer windows, got ${windows.length}`);
  for (const window of windows) {
    const prefs = window.options.webPreferences ?? {};
    if (prefs.preload !== preload || !existsSync(prefs.preload)) throw new Error(`a window's preload is ${prefs.preload}, not the packed ${preload}`);
    if (prefs.sandbox !== true || prefs.contextIsolation !== true || prefs.nodeIntegration === true) throw new Error(`a window is not sandboxed: ${JSON.stringify(prefs)}`);
  }
  steps.windows = windows.map((w) => w.loadedUrls[0] ?? null);

  const serve = fake.protocol.handlers.get('app');
  if (!serve) throw new Error('the app:// protocol has no handler');
  for (const page of ['cashier', 'customer']) {
    const response = await serve(new Request(`app://pos/${page}/index.html`));
    const html = await response.text();
    if (response.status !== 200 || !/<script[^>]+src=/.test(html)) throw new Error(`app://pos/${page}/index.html answered ${response.status}`);
    for (const [, asset] of html.matchAll(/(?:src|href)="\.\.\/(assets\/[^"]+)"/g)) {
      const assetResponse = await serve(new Request(`app://pos/${asset}`));
      if (assetResponse.status !== 200) throw new Error(`app://pos/${asset} answered ${assetResponse.status}`);
      await assetResponse.arrayBuffer();
    }
  }
  steps.screensServed = true;

  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const charge = await fetch(`${url}/payments/intents`, { method: 'POST', headers, body: JSON.stringify({ amount: 12345, description: 'package:check smoke' }) });
  const sale = await charge.json();
  if (charge.status !== 201 || sale.status !== 'requires_action' || !sale.qr?.data) throw new Error(`charge answered ${charge.status}: ${JSON.stringify(sale)}`);
  steps.demoCharge = { status: charge.status, paymentIntent: sale.paymentIntentId.slice(0, 3), amount: sale.amount };

  const today = new Date().toISOString().slice(0, 10);
  const report = await fetch(`${url}/reports/daily?date=${today}&format=pdf`, { headers: { authorization: `Bearer ${token}` } });
  const pdf = Buffer.from(await report.arrayBuffer());
  if (report.status !== 200 || pdf.subarray(0, 5).toString() !== '%PDF-') throw new Error(`PDF report answered ${report.status}`);
  if (!pdf.includes('Sarabun')) throw new Error('the PDF report does not embed the Sarabun font');
  steps.pdfReportBytes = pdf.length;

  if (!existsSync(path.join(dataDir, 'data', 'ledger.sqlite3'))) throw new Error('no ledger file in POS_DATA_DIR');
  steps.ledger = true;

  const quit = new Promise((resolve) => fake.app.once('quit', resolve));
  fake.app.quit();
  await quit;
  steps.cleanQuit = true;
  if (resolvedOutside.length > 0) throw new Error(`modules resolved outside the package: ${resolvedOutside.join('; ')}`);
}

run().then(
  () => finish({ ok: true, steps, packagesLoaded: [...resolvedPackages].sort() }, 0),
  (error) => finish({ ok: false, steps, error: error instanceof Error ? error.message : String(error), resolvedOutside }, 1),
);

function finish(result, code) {
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`PACKED_SMOKE ${JSON.stringify(result)}\n`);
  process.exit(code);
}
