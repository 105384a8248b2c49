// The checks package:check runs on the packed app, on small made-up apps (real files, real esbuild,
// the real @electron/fuses), so each can be seen to fail.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedFuses } from '../../../scripts/package/builder-files.mjs';
import { forbiddenFiles, packageDirOfPath, packageOfPath, packagesInApp, pdfFontFiles, unresolvedRequires } from '../../../scripts/package/inspect-package.mjs';
import { ELECTRON_DEFAULT_FUSES, makeStandInElectronDist } from '../../../scripts/package/stand-in-electron.mjs';

const projectDir = path.resolve(import.meta.dirname, '../../..');
const fuses = createRequire(path.join(projectDir, 'package.json'))('@electron/fuses') as {
  flipFuses(file: string, config: Record<string | number, unknown>): Promise<number>;
  getCurrentFuseWire(file: string): Promise<Record<number, number>>;
  FuseVersion: { V1: string };
  FuseV1Options: Record<string, number>;
};

let root: string;
const write = (relative: string, text: string) => {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'chamra-inspect-package-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('package paths', () => {
  it('names the innermost package of a path', () => {
    expect(packageOfPath('node_modules/a/node_modules/@b/c/lib/x.js')).toBe('@b/c');
    expect(packageDirOfPath('node_modules/a/node_modules/@b/c/lib/x.js')).toBe('node_modules/a/node_modules/@b/c');
    expect(packageOfPath('dist/renderer/cashier/index.html')).toBeNull();
  });
});

describe('forbiddenFiles', () => {
  const rules = { runtimePackageDirs: ['node_modules/pdfkit', 'node_modules/ajv'], devOnlyPackages: ['vitest', 'electron'] };

  it('passes the app as it should be', () => {
    expect(forbiddenFiles(['package.json', 'dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist/renderer/cashier/index.html', 'node_modules/pdfkit/js/pdfkit.js', 'node_modules/ajv/dist/ajv.js'], rules)).toEqual([]);
  });

  it('names each thing that must not ship', () => {
    const found = forbiddenFiles(
      [
        'dist-electron/main.cjs.map',
        'scripts/package-check.mjs',
        'electron/core/start-core.ts',
        'tests/unit/x.test.ts',
        'bench/run-all.ts',
        'node_modules/vitest/index.js',
        'node_modules/stripe/cjs/stripe.cjs.node.js',
        'node_modules/pdfkit/js/pdfkit.js.map',
        'node_modules/pdfkit/types/index.d.ts',
        'node_modules/ajv/spec/tests/x.js',
        'node_modules/pdfkit/vitest.config.js',
        'dist/other/x.js',
        '.env',
      ],
      rules,
    );
    const says = (file: string) => found.filter((line) => line.startsWith(`${file}:`));
    expect(says('dist-electron/main.cjs.map').join()).toMatch(/source map/);
    expect(says('scripts/package-check.mjs').join()).toMatch(/not part of the built app/);
    expect(says('electron/core/start-core.ts').join()).toMatch(/not part of the built app/);
    expect(says('tests/unit/x.test.ts').length).toBeGreaterThan(0);
    expect(says('bench/run-all.ts').length).toBeGreaterThan(0);
    expect(says('node_modules/vitest/index.js').join()).toMatch(/dev-only package vitest/);
    expect(says('node_modules/stripe/cjs/stripe.cjs.node.js').join()).toMatch(/not a runtime module/);
    expect(says('node_modules/pdfkit/js/pdfkit.js.map').join()).toMatch(/source map/);
    expect(says('node_modules/pdfkit/types/index.d.ts').join()).toMatch(/TypeScript/);
    expect(says('node_modules/ajv/spec/tests/x.js').join()).toMatch(/test or benchmark/);
    expect(says('node_modules/pdfkit/vitest.config.js').join()).toMatch(/dev tool configuration/);
    expect(says('dist/other/x.js').join()).toMatch(/only dist\/renderer/);
    expect(says('.env').length).toBeGreaterThan(0);
  });
});

describe('unresolvedRequires (esbuild resolving inside the extracted app only)', () => {
  it('follows main/exports/imports recursively, ignores a module path written in a string, and names what is missing or outside', async () => {
    // A package one level above the app: Node would find it, the installed app would not have it.
    write('node_modules/outside-only/package.json', JSON.stringify({ name: 'outside-only', main: 'index.js' }));
    write('node_modules/outside-only/index.js', 'module.exports = 1;');
    const app = path.join(root, 'app');
    write('app/package.json', JSON.stringify({ name: 'app', main: 'dist-electron/main.cjs' }));
    write('app/dist-electron/main.cjs', ["require('electron');", "require('node:fs');", "require('good');", "const code = `require(\"in-a-template\")`;", "require('outside-only');"].join('\n'));
    write('app/dist-electron/preload.cjs', "require('electron');");
    write('app/node_modules/good/package.json', JSON.stringify({ name: 'good', exports: { '.': { require: './lib/index.cjs' } }, imports: { '#data': './lib/data.cjs' } }));
    write('app/node_modules/good/lib/index.cjs', "require('#data'); require('nested-missing');");
    write('app/node_modules/good/lib/data.cjs', 'module.exports = {};');

    const result = await unresolvedRequires(app, ['dist-electron/main.cjs', 'dist-electron/preload.cjs']);
    expect(result.unresolved.some((line) => line.includes('"nested-missing"'))).toBe(true);
    expect(result.unresolved.some((line) => line.includes('"outside-only"') && line.includes('inside the app'))).toBe(true);
    expect(result.unresolved.join('\n')).not.toMatch(/in-a-template|"good"|"electron"|"node:fs"/);

    write('app/node_modules/nested-missing/package.json', JSON.stringify({ name: 'nested-missing', version: '1.0.0' }));
    write('app/node_modules/nested-missing/index.js', '');
    write('app/dist-electron/main.cjs', "require('electron'); require('good');");
    expect(await unresolvedRequires(app, ['dist-electron/main.cjs'])).toEqual({ unresolved: [], reachedPackages: ['good', 'nested-missing'] });
    expect(packagesInApp(app, ['node_modules/nested-missing/index.js', 'node_modules/good/lib/data.cjs'])).toEqual({ 'node_modules/nested-missing': 'nested-missing@1.0.0', 'node_modules/good': 'good@undefined' });
  });

  it('pdfFontFiles reports fonts that do not resolve from main.cjs', () => {
    const app = path.join(root, 'no-fonts');
    write('no-fonts/dist-electron/main.cjs', '');
    expect(pdfFontFiles(app).problems).toHaveLength(4);
  });
});

describe('the stand-in Electron distribution', () => {
  it('carries a fuse wire that @electron/fuses flips and reads back like a real binary', async () => {
    const dist = makeStandInElectronDist(path.join(root, 'stand-in'), '45.5.0');
    const executable = path.join(dist, 'electron');
    expect(namedFuses(await fuses.getCurrentFuseWire(executable))).toEqual(Object.fromEntries(ELECTRON_DEFAULT_FUSES));
    await fuses.flipFuses(executable, { version: fuses.FuseVersion.V1, [fuses.FuseV1Options.RunAsNode!]: false, [fuses.FuseV1Options.EnableCookieEncryption!]: true });
    const after = namedFuses(await fuses.getCurrentFuseWire(executable));
    expect(after).toMatchObject({ runAsNode: false, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: true });
  });
});
