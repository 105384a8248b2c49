import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWindowStateStore, DEFAULT_WINDOW_STATE, WINDOW_STATE_FILE } from '../../../electron/app/window-state';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'chamra-window-state-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('window state', () => {
  it('starts from auto and kiosk off when nothing was saved', () => {
    expect(createWindowStateStore(directory).read()).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps the chosen monitor and kiosk mode across a restart (a new store on the same folder)', () => {
    createWindowStateStore(directory).write({ customerDisplay: { id: 2528732444, key: 'DELL@1920,0,1920x1080' }, kiosk: true });
    expect(createWindowStateStore(directory).read()).toEqual({ customerDisplay: { id: 2528732444, key: 'DELL@1920,0,1920x1080' }, kiosk: true });
  });

  it('writes atomically: no temporary file is left beside it', () => {
    const store = createWindowStateStore(directory);
    store.write({ customerDisplay: 'off', kiosk: false });
    store.write({ customerDisplay: 'auto', kiosk: true });
    expect(readdirSync(directory)).toEqual([WINDOW_STATE_FILE]);
    expect(JSON.parse(readFileSync(store.filePath, 'utf8'))).toEqual({ customerDisplay: 'auto', kiosk: true });
  });

  it.each([
    ['not JSON', '{"customerDisplay": "au'],
    ['a wrong shape', JSON.stringify({ customerDisplay: 'left', kiosk: 'yes' })],
  ])('a damaged file (%s) gives the defaults and says so, without stopping the till', (_name, text) => {
    writeFileSync(path.join(directory, WINDOW_STATE_FILE), text);
    const lines: string[] = [];
    expect(createWindowStateStore(directory, (line) => lines.push(line)).read()).toEqual(DEFAULT_WINDOW_STATE);
    expect(lines.join('\n')).toContain('could not be read');
  });

  it('refuses to write a state that is not one, leaving the saved one as it was', () => {
    const store = createWindowStateStore(directory);
    store.write({ customerDisplay: 'off', kiosk: true });
    expect(() => store.write({ customerDisplay: { id: -1, key: '' }, kiosk: true })).toThrow(/customerDisplay/);
    expect(store.read()).toEqual({ customerDisplay: 'off', kiosk: true });
  });
});
