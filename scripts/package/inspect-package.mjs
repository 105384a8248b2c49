// Checks on a packed app (resources/app.asar + app.asar.unpacked), each returning plain data so
// package-check.mjs can report them as JSON and tests can feed them small made-up packages.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

/** Bytes of a file, or of every file under a folder. */
export function sizeOnDisk(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(target).reduce((sum, name) => sum + sizeOnDisk(path.join(target, name)), 0);
}

/** The package a path inside the app belongs to ('node_modules/a/node_modules/@b/c/x.js' → '@b/c'), or null. */
export function packageOfPath(relativePath) {
  const parts = relativePath.split('/');
  let name = null;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] !== 'node_modules' || i + 1 >= parts.length) continue;
    name = parts[i + 1].startsWith('@') ? `${parts[i + 1]}/${parts[i + 2] ?? ''}` : parts[i + 1];
  }
  return name;
}

/** The folder of the package a path belongs to ('node_modules/a/node_modules/b/x.js' → 'node_modules/a/node_modules/b'). */
export function packageDirOfPath(relativePath) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)/.exec(relativePath);
  return match ? match[1] : null;
}

const FORBIDDEN_RULES = [
  [/\.map$/, 'source map'],
  [/\.(ts|mts|cts|tsx)$/, 'TypeScript source'],
  [/(^|\/)(tests?|__tests__|bench|benchmarks?|e2e|fixtures)\//, 'test or benchmark code'],
  [/^(scripts|electron|renderer|shared|relay|stripe-sim|docs|build|release)\//, 'project source or tooling (only the built app ships)'],
  [/(^|\/)\.env(\.|$)/, 'environment file'],
  [/(^|\/)(vitest|playwright|vite|tsconfig)[^/]*\.(json|[cm]?[jt]s)$/, 'dev tool configuration'],
];
/** Top-level entries of the app: what `npm run build` makes, the manifest and the runtime modules. */
const ALLOWED_TOP = new Set(['package.json', 'dist-electron', 'dist', 'node_modules']);

/**
 * Every package folder in the extracted app with its identity (`name@version` from its manifest).
 * @returns {Record<string, string>} folder (relative, '/'-separated) → identity
 */
export function packagesInApp(appDir, files) {
  const found = {};
  for (const dir of new Set(files.map(packageDirOfPath).filter(Boolean))) {
    const manifest = path.join(appDir, dir, 'package.json');
    if (!existsSync(manifest)) {
      found[dir] = `${packageOfPath(dir)}@(no package.json)`;
      continue;
    }
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    found[dir] = `${pkg.name}@${pkg.version}`;
  }
  return found;
}

/**
 * Everything in the archive that must not ship.
 * @param {string[]} files paths relative to the app root, '/'-separated (files only)
 * @param {{ runtimePackageDirs: string[], devOnlyPackages: string[] }} rules runtimePackageDirs: the
 *   package folders in the archive that are runtime modules of main.cjs
 */
export function forbiddenFiles(files, { runtimePackageDirs, devOnlyPackages }) {
  const runtime = new Set(runtimePackageDirs);
  const devOnly = new Set(devOnlyPackages);
  const found = [];
  for (const file of files) {
    const top = file.split('/')[0];
    if (!ALLOWED_TOP.has(top)) {
      found.push(`${file}: not part of the built app`);
      continue;
    }
    if (top === 'dist' && !file.startsWith('dist/renderer/')) found.push(`${file}: only dist/renderer ships from dist/`);
    if (top === 'dist-electron' && !/^dist-electron\/(main|preload)\.cjs$/.test(file)) found.push(`${file}: only main.cjs and preload.cjs ship from dist-electron/`);
    const packageDir = packageDirOfPath(file);
    if (packageDir) {
      const name = packageOfPath(file);
      if (devOnly.has(name)) found.push(`${file}: dev-only package ${name}`);
      else if (!runtime.has(packageDir)) found.push(`${file}: ${packageDir} is not a runtime module of main.cjs (it is bundled, or unused)`);
    }
    const inPackage = packageDir ? file.slice(packageDir.length + 1) : file;
    for (const [pattern, why] of FORBIDDEN_RULES) {
      // Inside a package only the file-kind rules apply: a dependency's own folder names are its business.
      if (packageDir && why.startsWith('project source')) continue;
      if (pattern.test(inPackage)) found.push(`${file}: ${why}`);
    }
  }
  return found;
}

/**
 * Follows every require() of the entry files inside the extracted app, the way Node would resolve it
 * (package.json main/exports/imports, index files), recursively through the dependencies, and never
 * outside the app folder. Uses esbuild's parser, so only real require() calls count (a module path
 * written inside a string or a template is not a require).
 * @returns {Promise<{ unresolved: string[], reachedPackages: string[] }>}
 */
export async function unresolvedRequires(appDir, entries) {
  const guard = {
    name: 'stay-inside-the-app',
    setup(esbuildApi) {
      // Anything resolved outside the extracted app would be a module the installed app lacks.
      esbuildApi.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'inner' || args.kind === 'entry-point') return undefined;
        if (args.path === 'electron') return { path: 'electron', external: true };
        const result = await esbuildApi.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
        if (result.errors.length > 0) return { errors: result.errors };
        if (!result.external && !result.path.startsWith(appDir + path.sep)) {
          return { errors: [{ text: `Could not resolve "${args.path}" inside the app (it resolved to ${result.path})` }] };
        }
        return result;
      });
    },
  };
  let metafile = null;
  const unresolved = [];
  try {
    const result = await build({
      entryPoints: entries.map((entry) => path.join(appDir, entry)),
      absWorkingDir: appDir,
      bundle: true,
      write: false,
      outdir: path.join(appDir, '.walk'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      nodePaths: [],
      external: ['*.node'],
      loader: { '.woff': 'empty', '.woff2': 'empty', '.node': 'empty' },
      logLevel: 'silent',
      metafile: true,
      plugins: [guard],
    });
    metafile = result.metafile;
  } catch (error) {
    for (const message of error.errors ?? [{ text: String(error) }]) {
      const where = message.location ? `${message.location.file}:${message.location.line}` : '';
      unresolved.push(`${message.text}${where ? ` (${where})` : ''}`);
    }
  }
  const reached = new Set();
  for (const input of Object.keys(metafile?.inputs ?? {})) {
    const name = packageOfPath(input.split(path.sep).join('/'));
    if (name) reached.add(name);
  }
  return { unresolved, reachedPackages: [...reached].sort() };
}

/** The PDF fonts, resolved exactly as electron/core/exports/pdf-fonts.ts does from main.cjs. */
export function pdfFontFiles(appDir) {
  const requireFromMain = createRequire(path.join(appDir, 'dist-electron', 'main.cjs'));
  const wanted = ['latin-400', 'latin-700', 'thai-400', 'thai-700'].map((v) => `@fontsource/sarabun/files/sarabun-${v}-normal.woff`);
  const problems = [];
  const found = [];
  for (const request of wanted) {
    try {
      const file = requireFromMain.resolve(request);
      if (!file.startsWith(appDir + path.sep)) problems.push(`${request} resolved outside the app (${file})`);
      else found.push(path.relative(appDir, file).split(path.sep).join('/'));
    } catch {
      problems.push(`${request} does not resolve from main.cjs`);
    }
  }
  return { found, problems };
}

/**
 * The built screens: both pages, every asset they reference, and the Thai screen font their CSS
 * loads (Sarabun's Thai subset, woff2).
 */
export function screenFiles(appDir) {
  const problems = [];
  const rendererDir = path.join(appDir, 'dist', 'renderer');
  const thaiFonts = new Set();
  for (const page of ['cashier', 'customer']) {
    const html = path.join(rendererDir, page, 'index.html');
    if (!existsSync(html)) {
      problems.push(`dist/renderer/${page}/index.html is missing`);
      continue;
    }
    for (const [, asset] of readFileSync(html, 'utf8').matchAll(/(?:src|href)="\.\.\/(assets\/[^"]+)"/g)) {
      const file = path.join(rendererDir, asset);
      if (!existsSync(file)) problems.push(`dist/renderer/${asset} (used by ${page}) is missing`);
      else if (asset.endsWith('.css')) {
        for (const [, font] of readFileSync(file, 'utf8').matchAll(/url\(["']?(?:\.\/)?([^)"']*sarabun-thai[^)"']*\.woff2)["']?\)/g)) {
          if (existsSync(path.join(rendererDir, 'assets', path.basename(font)))) thaiFonts.add(`dist/renderer/assets/${path.basename(font)}`);
          else problems.push(`the screen font ${font} (in ${asset}) is missing`);
        }
      }
    }
  }
  if (thaiFonts.size === 0) problems.push('the screens load no Thai font (sarabun-thai-*.woff2)');
  return { thaiFonts: [...thaiFonts].sort(), problems };
}
