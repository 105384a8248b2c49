// electron-builder.yml against electron-builder's own JSON schema (app-builder-lib/scheme.json),
// validated strictly (no type coercion, unlike electron-builder's own run), and what it says about
// node_modules and fuses against the main bundle's real runtime needs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { MAIN_RUNTIME_EXTERNALS } from '../../../scripts/build-main.mjs';
import { REQUIRED_FUSES, fuseConfigProblems, packagesListedInFiles } from '../../../scripts/package/builder-files.mjs';
import { offlinePackConfig } from '../../../scripts/package/pack-linux-dir.mjs';
import { runtimeModuleClosure } from '../../../scripts/package/runtime-modules.mjs';

const projectDir = path.resolve(import.meta.dirname, '../../..');
// electron-builder's own YAML parser (js-yaml ships no types).
const { load: loadYaml } = createRequire(path.join(projectDir, 'package.json'))('js-yaml') as { load(text: string): unknown };
const require = createRequire(path.join(projectDir, 'package.json'));
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const config = loadYaml(readFileSync(path.join(projectDir, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & { files: string[]; electronFuses: Record<string, boolean> };
const errorsOf = (data: unknown) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));

describe('electron-builder.yml against app-builder-lib/scheme.json', () => {
  it('is valid as written', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('is still valid with the offline overrides package:check packs with', () => {
    expect(errorsOf(offlinePackConfig(config, { electronDist: '/tmp/stand-in', outputDir: '/tmp/out' }))).toEqual([]);
  });

  it('the schema refuses a misspelt option, a wrong type and an unknown fuse (so these tests can fail)', () => {
    expect(errorsOf({ ...config, electronFuse: config.electronFuses }).join('\n')).toMatch(/electronFuse"/);
    expect(errorsOf({ ...config, asar: 'yes' }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, electronFuses: { ...config.electronFuses, runAsNodeTypo: false } }).join('\n')).toMatch(/runAsNodeTypo/);
  });
});

describe('what electron-builder.yml ships', () => {
  const closure = runtimeModuleClosure(projectDir);
  const listed = packagesListedInFiles(config).map((dir) => dir.slice('node_modules/'.length));

  it('the runtime closure is complete in node_modules', () => {
    expect(closure.missing).toEqual([]);
    expect(closure.names).toEqual(expect.arrayContaining(['better-sqlite3', 'bindings', 'pdfkit', 'fontkit', '@fontsource/sarabun']));
    // prebuild-install only runs at install time; it must not be dragged in with better-sqlite3.
    expect(closure.names).not.toContain('prebuild-install');
  });

  it('lets in every package main.cjs requires at run time, and nothing outside their closure', () => {
    for (const name of Object.keys(MAIN_RUNTIME_EXTERNALS).filter((n) => n !== 'electron')) expect(listed, name).toContain(name);
    expect(listed.filter((name) => !closure.names.includes(name))).toEqual([]);
    expect(config.files).toContain('!node_modules/**/*');
  });

  it('asks for exactly the fuses issue 10 requires', () => {
    expect(fuseConfigProblems(config.electronFuses)).toEqual([]);
    expect(fuseConfigProblems({ ...REQUIRED_FUSES, runAsNode: true })).toEqual(['electronFuses.runAsNode must be false (is true)']);
  });
});
