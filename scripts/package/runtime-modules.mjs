// Which node_modules the installed app needs: the packages main.cjs still requires at run time (the
// bundle's externals, scripts/build-main.mjs) and, recursively, their own production dependencies.
// electron-builder.yml's `files` ships exactly these; everything else is inside main.cjs already.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MAIN_RUNTIME_EXTERNALS } from '../build-main.mjs';

/**
 * Dependencies a package declares but only uses while it is being installed. better-sqlite3 runs
 * prebuild-install from its install script to fetch a prebuilt binary; at run time it needs only
 * `bindings` (the installers rebuild it for Electron instead: npmRebuild in electron-builder.yml).
 */
export const INSTALL_TIME_ONLY = Object.freeze({ 'better-sqlite3': ['prebuild-install'] });

/** Where Node would find package `name` when required from inside `fromDir` (walking up node_modules). */
export function findPackageDir(name, fromDir, rootDir) {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === rootDir || path.dirname(dir) === dir) return null;
    dir = path.dirname(dir);
  }
}

/**
 * The runtime packages, each as its path relative to the project (`node_modules/x`, or nested
 * `node_modules/x/node_modules/y`), sorted, and as `name@version` (electron-builder lays
 * node_modules out again when it packs, so inside the archive a package is known by its identity,
 * not its path). Missing required dependencies are returned too.
 * @returns {{ packages: string[], identities: string[], names: string[], missing: string[] }}
 */
export function runtimeModuleClosure(projectDir, roots = Object.keys(MAIN_RUNTIME_EXTERNALS).filter((name) => name !== 'electron')) {
  const found = new Set();
  const identities = new Set();
  const missing = [];
  const queue = roots.map((name) => ({ name, fromDir: projectDir, optional: false, by: '(main.cjs)' }));
  while (queue.length > 0) {
    const { name, fromDir, optional, by } = queue.shift();
    const dir = findPackageDir(name, fromDir, projectDir);
    if (!dir) {
      if (!optional) missing.push(`${name} (required by ${by})`);
      continue;
    }
    const relative = path.relative(projectDir, dir).split(path.sep).join('/');
    if (found.has(relative)) continue;
    found.add(relative);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    identities.add(`${pkg.name}@${pkg.version}`);
    const skip = new Set(INSTALL_TIME_ONLY[pkg.name] ?? []);
    for (const dep of Object.keys(pkg.dependencies ?? {})) if (!skip.has(dep)) queue.push({ name: dep, fromDir: dir, optional: false, by: pkg.name });
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) if (!skip.has(dep)) queue.push({ name: dep, fromDir: dir, optional: true, by: pkg.name });
  }
  const names = [...new Set([...identities].map((id) => id.slice(0, id.lastIndexOf('@'))))].sort();
  return { packages: [...found].sort(), identities: [...identities].sort(), names, missing };
}
