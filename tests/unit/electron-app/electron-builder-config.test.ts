import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const projectDir = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(path.join(projectDir, 'package.json'));
// electron-builder's own YAML parser and its own schema validation (what `electron-builder` runs first).
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type BuilderConfig = Record<string, unknown> & { files: string[]; asarUnpack: string[]; directories: { buildResources: string } };
const config = yaml.load(readFileSync(path.join(projectDir, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('passes electron-builder 26 schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation used above does reject a bad config (so the test can fail)', async () => {
    await expect(validateConfiguration({ ...config, nsis: { notAnOption: true } }, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('pins the app identity, Electron version and installer targets', () => {
    expect(config).toMatchObject({
      appId: 'th.co.chamra.pos',
      productName: 'Chamra POS',
      electronVersion: '45.5.0',
      npmRebuild: true,
      win: { target: [{ target: 'nsis', arch: ['x64'] }] },
      mac: { target: ['dmg', 'zip'] },
      linux: { target: ['AppImage', 'deb'] },
    });
    const installed = JSON.parse(readFileSync(path.join(projectDir, 'node_modules/electron/package.json'), 'utf8'));
    expect(installed.version).toBe(config.electronVersion);
  });

  it('ships the bundle, the screens and package.json, and unpacks the native ledger module', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist-electron/**/*', 'dist/renderer/**/*']));
    expect(config.asarUnpack.some((pattern) => pattern.includes('better-sqlite3') && pattern.endsWith('.node'))).toBe(true);
    expect(existsSync(path.join(projectDir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
  });

  it('flips the fuses that would let whoever starts the app run it as Node or attach a debugger', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

    it('every file it names exists', () => {
    const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist-electron/main.cjs');
    expect(existsSync(path.join(projectDir, config.directories.buildResources))).toBe(true);
    const named = (JSON.stringify(config).match(/"(build\/[^"*]+)"/g) ?? []).map((quoted) => JSON.parse(quoted) as string);
    expect(named).toContain('build/icon.png');
    for (const file of named) expect(existsSync(path.join(projectDir, file)), file).toBe(true);
  });
});
