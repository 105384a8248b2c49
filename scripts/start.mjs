#!/usr/bin/env node
// `npm start`: build the screens, then run the desktop app if the Electron runtime is here, or the
// browser-mode host if it is not (it cannot be downloaded on offline/CI machines).
//   POS_FORCE_BROWSER=1           skip Electron, run browser mode
//   POS_SKIP_RENDERER_BUILD=1     use dist/renderer as it is
//   POS_RETRY_ELECTRON_DOWNLOAD=1 retry the runtime download even if it failed within the hour
//   CI                            never try to download the runtime
// Extra arguments are passed on to the app (e.g. `npm start -- --forget-stripe-key`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadFailureReason, electronRuntimeStatus, planStart, rendererBuildState } from './electron-runtime.mjs';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(projectDir, 'package.json'));
const DOWNLOAD_TIMEOUT_MS = 60_000;
const failureMarker = path.join(projectDir, 'node_modules', '.cache', 'chamra-pos', 'electron-download-failure.json');
const say = (message) => console.log(`[start] ${message}`);

function fail(message) {
  console.error(`[start] ${message}`);
  process.exit(1);
}

function ensureRenderer() {
  if (process.env.POS_SKIP_RENDERER_BUILD === '1') return say('POS_SKIP_RENDERER_BUILD=1: using dist/renderer as it is.');
  const state = rendererBuildState(projectDir);
  if (state.fresh) return say('Renderer build is up to date.');
  say(`Building the renderer (${state.reason})…`);
  const vitePackage = require.resolve('vite/package.json');
  const viteBin = path.join(path.dirname(vitePackage), JSON.parse(readFileSync(vitePackage, 'utf8')).bin.vite);
  const result = spawnSync(process.execPath, [viteBin, 'build'], { cwd: projectDir, stdio: 'inherit', env: process.env });
  if (result.status !== 0) fail(`The renderer build failed (vite exited with ${result.status ?? result.signal}).`);
}

function readLastFailure() {
  try {
    const parsed = JSON.parse(readFileSync(failureMarker, 'utf8'));
    return typeof parsed.at === 'number' && typeof parsed.reason === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function tryDownloadElectron() {
  const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  say(`The Electron runtime is missing; trying to download it once (up to ${DOWNLOAD_TIMEOUT_MS / 1000} s)…`);
  const result = spawnSync(process.execPath, [installer], { cwd: projectDir, encoding: 'utf8', timeout: DOWNLOAD_TIMEOUT_MS, env: process.env });
  if (result.status === 0) return null;
  const timedOut = result.error?.code === 'ETIMEDOUT';
  const reason = downloadFailureReason({ stderr: `${result.stderr ?? ''}\n${result.error?.message ?? ''}`, status: result.status, signal: result.signal, timedOut, timeoutMs: DOWNLOAD_TIMEOUT_MS });
  try {
    mkdirSync(path.dirname(failureMarker), { recursive: true });
    writeFileSync(failureMarker, JSON.stringify({ at: Date.now(), reason }));
  } catch {
    // Only a convenience; without it the next start simply tries again.
  }
  return reason;
}

async function startElectron(executablePath, args) {
  const { buildMain } = await import('./build-main.mjs');
  await buildMain({ projectDir, logLevel: 'warning' });
  const env = { ...process.env };
  // Set, it makes Electron behave as plain Node and the app never opens.
  delete env.ELECTRON_RUN_AS_NODE;
  say(`Starting Electron (${path.relative(projectDir, executablePath)})…`);
  return spawn(executablePath, [projectDir, ...args], { cwd: projectDir, stdio: 'inherit', env });
}

function startBrowserMode(args) {
  const host = path.join(projectDir, 'electron', 'host', 'main.ts');
  if (!existsSync(host)) fail('Browser mode is not available: electron/host/main.ts is missing.');
  return spawn(process.execPath, [require.resolve('tsx/cli'), host, ...args], { cwd: projectDir, stdio: 'inherit', env: process.env });
}

function superviseChild(child) {
  const forward = (signal) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward(signal));
  child.on('error', (error) => fail(`Could not start ${child.spawnfile}: ${error.message}`));
  child.on('exit', (code, signal) => {
    const signalNumbers = { SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };
    process.exit(code ?? 128 + (signalNumbers[signal] ?? 1));
  });
}

async function main() {
  const args = process.argv.slice(2);
  ensureRenderer();
  let runtime = electronRuntimeStatus({ projectDir });
  let plan = planStart({ env: process.env, runtime, lastDownloadFailure: readLastFailure() });
  if (plan.mode === 'download') {
    const reason = tryDownloadElectron();
    runtime = electronRuntimeStatus({ projectDir });
    const lastDownloadFailure = reason === null && runtime.present ? null : { at: Date.now(), reason: reason ?? runtime.reason };
    plan = planStart({ env: { ...process.env, POS_RETRY_ELECTRON_DOWNLOAD: '' }, runtime, lastDownloadFailure });
  }
  if (plan.mode === 'electron' && runtime.present) {
    superviseChild(await startElectron(runtime.executablePath, args));
  } else {
    say(plan.message ?? 'Starting browser mode.');
    superviseChild(startBrowserMode(args));
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
