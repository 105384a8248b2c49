import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fake from '../../fakes/electron';
import { POS_OPERATION_NAMES } from '../../../shared/pos-operation-names';
import { buildMain, mainExternals } from '../../../scripts/build-main.mjs';

const projectDir = path.resolve(import.meta.dirname, '../../..');
let outDir: string;
let built: { main: string; preload: string };

beforeAll(async () => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'chamra-build-main-'));
  built = await buildMain({ projectDir, outDir, logLevel: 'silent' });
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const requiredModules = (file: string): string[] => [...new Set([...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();

describe('scripts/build-main.mjs', () => {
  it('package.json main points at the bundled main process', () => {
    const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
    expect(path.join(outDir, path.relative('dist-electron', pkg.main))).toBe(built.main);
  });

  it('bundles the main process as CommonJS with electron and the native ledger left external', () => {
    const code = readFileSync(built.main, 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const required = requiredModules(built.main);
    expect(required).toContain('electron');
    expect(required).toContain('better-sqlite3');
    // Everything that is not a Node built-in must be a declared dependency (shipped in node_modules).
    const allowed = new Set(mainExternals(projectDir));
    // A subpath ('promptparse/generate') belongs to its package ('@scope/name' keeps two parts).
    const packageOf = (name: string) => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/');
    expect(required.filter((name) => !name.startsWith('node:') && !allowed.has(packageOf(name)))).toEqual([]);
    expect(readFileSync(`${built.main}.map`, 'utf8')).toContain('electron/app/main.ts');
  });

  it('produces a preload that runs with nothing but require("electron"), as a sandboxed preload must', () => {
    expect(requiredModules(built.preload)).toEqual(['electron']);
    fake.resetFakeElectron();
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return fake;
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(readFileSync(built.preload, 'utf8'), { require: sandboxRequire, module, exports: module.exports }, { filename: built.preload });
    const pos = fake.contextBridge.exposed.get('pos') as Record<string, Record<string, unknown>>;
    for (const op of POS_OPERATION_NAMES) {
      const [group, name] = op.split('.') as [string, string];
      expect(typeof pos[group]?.[name], op).toBe('function');
    }
  });
});
