#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild:
//   electron/app/main.ts    → dist-electron/main.cjs     (Node side: our code and every pure-JS dependency)
//   electron/app/preload.ts → dist-electron/preload.cjs  (sandboxed; may require nothing but 'electron')
// Usage: node scripts/build-main.mjs   (also importable: `await buildMain()`)
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const defaultProjectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The only packages main.cjs still `require`s at run time; everything else is bundled into it, so the
 * installer ships just these (and their own dependencies) in node_modules (electron-builder.yml's
 * `files`, checked by `npm run package:check`). Each one is here because it cannot be bundled:
 */
export const MAIN_RUNTIME_EXTERNALS = Object.freeze({
  electron: 'provided by the Electron runtime itself',
  'better-sqlite3': 'native module (.node), rebuilt for Electron and unpacked from the asar',
  pdfkit: 'loads its standard fonts through package.json "imports" and its ICC profile from its own folder',
  '@fontsource/sarabun': 'the PDF font files, found with require.resolve at run time (not code)',
  // fastify validates and serialises with these; both also write code (standalone mode) that
  // require()s their helpers by module path ('ajv/dist/runtime/equal', 'ajv-formats/dist/formats'),
  // so they stay real packages and every path named in main.cjs is one that ships.
  ajv: 'names its own runtime modules by path in the code it generates',
  'ajv-formats': 'named by path in code fast-json-stringify generates',
});

/**
 * Bundled libraries write Node built-ins both ways ('fs' and 'node:fs'); name them all 'node:…' so
 * main.cjs says plainly which requires are Node's own (nothing can shadow one from node_modules).
 */
const nodeBuiltinsPrefixed = {
  name: 'node-builtins-prefixed',
  setup(esbuildApi) {
    const bare = new Set(builtinModules.filter((name) => !name.startsWith('_')));
    esbuildApi.onResolve({ filter: /^[a-z_/]+$/ }, (args) => (bare.has(args.path) ? { path: `node:${args.path}`, external: true } : undefined));
  },
};

/** The externals of the main bundle (the signature is kept for callers that pass a project folder). */
export function mainExternals(_projectDir = defaultProjectDir) {
  return Object.keys(MAIN_RUNTIME_EXTERNALS);
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
    plugins: [nodeBuiltinsPrefixed],
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
