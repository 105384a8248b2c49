import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';
import { IPC_EVENT_CHANNEL, POS_OPERATION_NAMES, ipcChannelFor } from '../../../shared/pos-operation-names';
import { buildPosBridge } from '../../../electron/app/preload-api';

vi.mock('electron', () => import('../../fakes/electron'));

type Exposed = Record<string, unknown> & { onEvent: (listener: (event: unknown) => void) => () => void };

/** Every function reachable from the exposed object, as dotted paths. */
function functionPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'function') return [prefix];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => functionPaths(child, prefix ? `${prefix}.${key}` : key));
}

let pos: Exposed;
beforeAll(async () => {
  fake.resetFakeElectron();
  await import('../../../electron/app/preload');
  pos = fake.contextBridge.exposed.get('pos') as Exposed;
});

describe('preload', () => {
  it('exposes only window.pos', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['pos']);
  });

  it('exposes exactly one function per operation name, nested by the dot, plus onEvent', () => {
    expect(functionPaths(pos).sort()).toEqual([...POS_OPERATION_NAMES, 'onEvent'].sort());
  });

  it('never exposes ipcRenderer or any of its methods', () => {
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (typeof value !== 'object' || value === null || seen.has(value)) return;
      seen.add(value);
      for (const child of Object.values(value)) walk(child);
    };
    walk(pos);
    expect(seen.has(fake.ipcRenderer)).toBe(false);
    const rendererMethods = new Set<unknown>(Object.values(fake.ipcRenderer).filter((v) => typeof v === 'function'));
    const exposedFunctions = functionPaths(pos).map((p) => p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], pos));
    expect(exposedFunctions.filter((fn) => rendererMethods.has(fn))).toEqual([]);
    expect(JSON.stringify(Object.keys(pos))).not.toMatch(/ipc|invoke|send/i);
  });

  it.each(POS_OPERATION_NAMES.map((op) => [op]))('pos.%s invokes its own channel with the input only', async (op) => {
    const [group, name] = op.split('.') as [string, string];
    const fn = (pos[group] as Record<string, (input: unknown) => Promise<unknown>>)[name]!;
    const before = fake.ipcRenderer.invocations.length;
    const result = await fn({ marker: op });
    expect(fake.ipcRenderer.invocations.slice(before)).toEqual([{ channel: ipcChannelFor(op), args: [{ marker: op }] }]);
    expect(result).toEqual({ ok: true, value: { channel: ipcChannelFor(op), args: [{ marker: op }] } });
  });

  it('onEvent delivers the event payload without the IPC event, and unsubscribes', () => {
    const received: unknown[] = [];
    const unsubscribe = pos.onEvent((event) => received.push(event));
    fake.ipcRenderer.emitFromMain(IPC_EVENT_CHANNEL, { type: 'sale.updated', data: { id: 'sale_1' } });
    unsubscribe();
    fake.ipcRenderer.emitFromMain(IPC_EVENT_CHANNEL, { type: 'sale.updated', data: { id: 'sale_2' } });
    expect(received).toEqual([{ type: 'sale.updated', data: { id: 'sale_1' } }]);
  });
});

describe('buildPosBridge', () => {
  it('sends {} when a function is called without input (the schemas are objects)', async () => {
    const calls: unknown[][] = [];
    const bridge = buildPosBridge({ invoke: async (...args) => calls.push(args), on: () => undefined, removeListener: () => undefined });
    await (bridge.app as Record<string, () => Promise<unknown>>).info!();
    expect(calls).toEqual([[ipcChannelFor('app.info'), {}]]);
  });

  it('rejects operation names that are not group.name or would shadow onEvent', () => {
    const ipc = { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined };
    expect(() => buildPosBridge(ipc, ['charge'])).toThrow(/group\.name/);
    expect(() => buildPosBridge(ipc, ['a.b.c'])).toThrow(/group\.name/);
    expect(() => buildPosBridge(ipc, ['onEvent.x'])).toThrow(/group\.name/);
  });
});
