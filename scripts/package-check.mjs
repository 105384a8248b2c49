#!/usr/bin/env node
// `npm run package:check`: pack the desktop app offline the way `npm run dist` does, then open the
// package and prove what can be proved without the Electron runtime (which cannot be downloaded here):
//   - every module the bundled main process and preload require resolves inside app.asar;
//   - better-sqlite3's .node is unpacked (app.asar.unpacked), the PDF and screen fonts and the built
//     screens are inside, and no test, benchmark, script, source map, TypeScript or dev-only package ships;
//   - electron-builder.yml ships exactly the main bundle's runtime modules (scripts/package/runtime-modules.mjs);
//   - the payload (app.asar + app.asar.unpacked) is at most 25 MB;
//   - the fuses electron-builder.yml asks for are the ones issue 10 requires, and electron-builder
//     really wrote them into the packed executable (read back from the stand-in's fuse wire);
//   - the packed main.cjs starts under Node with the fake electron module: DEMO charge, PDF report,
//     screens over app://, clean quit (scripts/package/packed-main-smoke.mjs).
// Prints one JSON object on stdout (progress and electron-builder's log go to stderr); exits 1 on
// any failure.   Options: --skip-renderer-build (use dist/renderer as it is), --keep (keep the work folder).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, statFile } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { log as builderLog } from 'builder-util';
import { build as esbuild } from 'esbuild';
import { buildMain } from './build-main.mjs';
import { fuseConfigProblems, namedFuses, packagesListedInFiles } from './package/builder-files.mjs';
import { forbiddenFiles, packageDirOfPath, packagesInApp, pdfFontFiles, screenFiles, sizeOnDisk, unresolvedRequires } from './package/inspect-package.mjs';
import { packLinuxDir, readBuilderConfig } from './package/pack-linux-dir.mjs';
import { runtimeModuleClosure } from './package/runtime-modules.mjs';
import { STAND_IN_MARKER, makeStandInElectronDist } from './package/stand-in-electron.mjs';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
/** Issue 10's budget for what the installer adds on top of Electron itself. */
export const PAYLOAD_LIMIT_BYTES = 25_000_000;
const NATIVE_MODULES = ['node_modules/better-sqlite3/build/Release/better_sqlite3.node'];
const say = (message) => process.stderr.write(`[package:check] ${message}\n`);

function filesUnder(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(path.join(dir, entry.name), relative));
    else out.push(relative);
  }
  return out;
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

function buildRenderer() {
  const env = { ...process.env };
  delete env.POS_RENDERER_DIR; // electron-builder packs dist/renderer, so that is what gets built
  // vite's package exports hide its bin; its package folder is found through its manifest.
  const vite = path.join(path.dirname(createRequire(path.join(projectDir, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: projectDir, env, stdio: ['ignore', process.stderr, process.stderr] });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}

/** Runs the packed main under Node in a child process; resolves with its JSON verdict. */
function runSmoke(appDir, fakeElectron) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(projectDir, 'scripts/package/packed-main-smoke.mjs'), appDir, fakeElectron], { cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('PACKED_SMOKE '));
      process.stderr.write(out.split('\n').filter((l) => l && !l.startsWith('PACKED_SMOKE ')).map((l) => `  ${l}\n`).join(''));
      const verdict = line ? JSON.parse(line.slice('PACKED_SMOKE '.length)) : { ok: false, error: `the smoke start printed no verdict (exit ${code})` };
      resolve({ ...verdict, ok: verdict.ok === true && code === 0 });
    });
  });
}

async function packageCheck() {
  const started = Date.now();
  const seconds = {};
  const lap = (name, since) => (seconds[name] = Math.round((Date.now() - since) / 100) / 10);
  const work = mkdtempSync(path.join(os.tmpdir(), 'chamra-package-check-'));
  const problems = [];
  try {
    let t = Date.now();
    if (args.has('--skip-renderer-build')) say('using dist/renderer as it is');
    else {
      say('building the screens (vite → dist/renderer)');
      buildRenderer();
    }
    say('bundling the main process and preload (esbuild → dist-electron)');
    const built = await buildMain({ projectDir, logLevel: 'warning' });
    lap('build', t);
    const stripeSimModules = Object.keys(built.metafiles.main.inputs).filter((input) => input.startsWith('stripe-sim/')).length;
    if (stripeSimModules === 0) problems.push('the main bundle does not contain stripe-sim (DEMO mode needs it)');

    t = Date.now();
    const config = readBuilderConfig(projectDir);
    const electronDist = makeStandInElectronDist(path.join(work, 'stand-in-electron'), String(config.electronVersion));
    say(`packing with electron-builder (linux dir, stand-in Electron ${config.electronVersion})`);
    builderLog.stream = process.stderr;
    const { appOutDir } = await packLinuxDir({ projectDir, electronDist, outputDir: path.join(work, 'release') });
    lap('pack', t);

    t = Date.now();
    const resources = path.join(appOutDir, 'resources');
    const archive = path.join(resources, 'app.asar');
    const unpackedDir = path.join(resources, 'app.asar.unpacked');
    const asarBytes = sizeOnDisk(archive);
    const unpackedBytes = sizeOnDisk(unpackedDir);
    const payloadBytes = asarBytes + unpackedBytes;
    if (payloadBytes > PAYLOAD_LIMIT_BYTES) problems.push(`payload ${payloadBytes} bytes is over the ${PAYLOAD_LIMIT_BYTES}-byte budget`);

    const appDir = path.join(work, 'app');
    extractAll(archive, appDir); // copies app.asar.unpacked's files into place too, as Electron's fs would show them
    const files = filesUnder(appDir);

    for (const entry of ['dist-electron/main.cjs', 'dist-electron/preload.cjs']) {
      if (!existsSync(path.join(appDir, entry))) problems.push(`${entry} is not in app.asar`);
      else if (sha256(path.join(appDir, entry)) !== sha256(path.join(built.outDir, path.basename(entry)))) problems.push(`${entry} in app.asar is not the one just built`);
    }
    const packedManifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8'));
    if (packedManifest.main !== 'dist-electron/main.cjs') problems.push(`the packed package.json's main is ${packedManifest.main}`);

    const nativeUnpacked = [];
    for (const native of NATIVE_MODULES) {
      let unpacked = false;
      try {
        unpacked = statFile(archive, native).unpacked === true;
      } catch {
        unpacked = false;
      }
      if (unpacked && existsSync(path.join(unpackedDir, native))) nativeUnpacked.push(native);
      else problems.push(`${native} is not unpacked next to app.asar (a native module cannot load from inside it)`);
    }
    const stray = files.filter((f) => f.endsWith('.node') && !NATIVE_MODULES.includes(f));
    if (stray.length > 0) problems.push(`unexpected native files: ${stray.join(', ')}`);

    const closure = runtimeModuleClosure(projectDir);
    if (closure.missing.length > 0) problems.push(`runtime modules missing from node_modules: ${closure.missing.join(', ')}`);
    const listedNames = packagesListedInFiles(config).map((dir) => dir.slice('node_modules/'.length));
    const unneeded = listedNames.filter((name) => !closure.names.includes(name));
    if (unneeded.length > 0) problems.push(`electron-builder.yml files lists modules main.cjs does not need: ${unneeded.join(', ')}`);
    // electron-builder lays node_modules out anew, so packages are compared by name@version.
    const inApp = packagesInApp(appDir, files);
    const shippedIdentities = new Set(Object.values(inApp));
    const notShipped = closure.identities.filter((id) => !shippedIdentities.has(id));
    if (notShipped.length > 0) problems.push(`runtime modules that are not in app.asar: ${notShipped.join(', ')}`);
    const runtimeIdentities = new Set(closure.identities);
    const runtimePackageDirs = Object.keys(inApp).filter((dir) => runtimeIdentities.has(inApp[dir]));

    const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
    const runtimeNames = new Set(closure.names);
    const devOnlyPackages = Object.keys(pkg.devDependencies ?? {}).filter((name) => !runtimeNames.has(name));
    const forbidden = forbiddenFiles(files, { runtimePackageDirs, devOnlyPackages });

    const walk = await unresolvedRequires(appDir, ['dist-electron/main.cjs', 'dist-electron/preload.cjs']);
    const preloadWalk = await unresolvedRequires(appDir, ['dist-electron/preload.cjs']);
    if (preloadWalk.reachedPackages.length > 0) problems.push(`the sandboxed preload reaches packages: ${preloadWalk.reachedPackages.join(', ')}`);

    const pdfFonts = pdfFontFiles(appDir);
    problems.push(...pdfFonts.problems);
    const screens = screenFiles(appDir);
    problems.push(...screens.problems);

    const executable = path.join(appOutDir, config.linux?.executableName ?? 'chamra-pos');
    const fuses = namedFuses(await getCurrentFuseWire(executable));
    const standIn = readFileSync(executable).includes(STAND_IN_MARKER);
    problems.push(...fuseConfigProblems(config.electronFuses));
    for (const [name, wanted] of Object.entries(config.electronFuses ?? {})) {
      if (name in fuses && fuses[name] !== wanted) problems.push(`fuse ${name} in the packed executable is ${fuses[name]}, electron-builder.yml says ${wanted}`);
    }
    lap('inspect', t);

    t = Date.now();
    const fakeElectron = path.join(work, 'fake-electron.cjs');
    await esbuild({ entryPoints: [path.join(projectDir, 'tests/fakes/electron/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: fakeElectron, logLevel: 'warning' });
    say('starting the packed main process under Node with the fake electron module');
    const smoke = await runSmoke(appDir, fakeElectron);
    if (!smoke.ok) problems.push(`the packed main process did not start cleanly: ${smoke.error ?? 'see steps'}`);
    lap('smoke', t);

    const reachedAnyhow = new Set([...walk.reachedPackages, ...(smoke.packagesLoaded ?? [])]);
    const largest = Object.entries(
      files.reduce((sizes, file) => {
        const key = packageDirOfPath(file) ?? (file.startsWith('dist/renderer/') ? 'dist/renderer' : file);
        sizes[key] = (sizes[key] ?? 0) + sizeOnDisk(path.join(appDir, file));
        return sizes;
      }, {}),
    )
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8);

    const unresolved = walk.unresolved;
    seconds.total = Math.round((Date.now() - started) / 100) / 10;
    const report = {
      ok: problems.length === 0 && unresolved.length === 0 && forbidden.length === 0,
      payloadBytes,
      payloadLimitBytes: PAYLOAD_LIMIT_BYTES,
      asarBytes,
      unpackedBytes,
      fuses,
      fuseWire: standIn
        ? 'read back from the stand-in executable after electron-builder flipped it (@electron/fuses, as on the real binary); Electron enforcing them is checked only on the CI service'
        : 'read back from a real Electron executable',
      unresolved,
      forbidden,
      problems,
      nativeUnpacked,
      pdfFonts: pdfFonts.found,
      screenFonts: screens.thaiFonts,
      stripeSimModulesInMain: stripeSimModules,
      runtimeModules: closure.identities.length,
      shippedButNeverLoaded: [...runtimeNames].filter((name) => !reachedAnyhow.has(name)).sort(),
      largest: Object.fromEntries(largest),
      smoke,
      seconds,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (args.has('--keep')) say(`kept ${work}`);
    return report.ok;
  } finally {
    if (!args.has('--keep')) rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  packageCheck().then(
    (ok) => {
      say(ok ? 'passed' : 'FAILED');
      process.exit(ok ? 0 : 1);
    },
    (error) => {
      say(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
