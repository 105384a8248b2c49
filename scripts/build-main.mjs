#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild:
//   electron/app/main.ts    → dist-electron/main.cjs     (Node side; dependencies stay in node_modules)
//   electron/app/preload.ts → dist-electron/preload.cjs  (sandboxed; may require nothing but 'electron')
// Usage: node scripts/build-main.mjs   (also importable: `await buildMain()`)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const defaultProjectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every runtime dependency stays external: electron-builder ships production node_modules, native
 * modules (better-sqlite3) must be rebuilt for Electron rather than bundled, and libraries that load
 * files at run time (fastify/pino workers) keep working.
 */
export function mainExternals(projectDir = defaultProjectDir) {
  const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
  return ['electron', ...Object.keys(pkg.dependencies ?? {})];
}

export async function buildMain({ projectDir = defaultProjectDir, outDir = path.join(projectDir, 'dist-electron'), logLevel = 'info' } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel,
    absWorkingDir: projectDir,
    metafile: true,
  };
  const main = await build({
    ...common,
    entryPoints: { main: path.join(projectDir, 'electron/app/main.ts') },
    outExtension: { '.js': '.cjs' },
    outdir: outDir,
    external: mainExternals(projectDir),
    // The core is written as ES modules; give import.meta.url/dirname a CommonJS meaning in the bundle.
    define: { 'import.meta.url': '__chamraImportMetaUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    banner: { js: "const __chamraImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  const preload = await build({
    ...common,
    entryPoints: { preload: path.join(projectDir, 'electron/app/preload.ts') },
    outExtension: { '.js': '.cjs' },
    outdir: outDir,
    external: ['electron'],
  });
  // A sandboxed preload can only require('electron'); anything else would fail at run time in the window.
  const preloadImports = Object.values(preload.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
  const forbidden = preloadImports.filter((name) => name !== 'electron');
  if (forbidden.length > 0) throw new Error(`preload must not require anything but 'electron'; it requires: ${[...new Set(forbidden)].join(', ')}`);
  return { outDir, main: path.join(outDir, 'main.cjs'), preload: path.join(outDir, 'preload.cjs'), metafiles: { main: main.metafile, preload: preload.metafile } };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildMain().then(
    ({ main, preload }) => console.log(`[build-main] wrote ${path.relative(process.cwd(), main)} and ${path.relative(process.cwd(), preload)}`),
    (error) => {
      console.error(`[build-main] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
