// This computer's screens through the real core (real SQLite, dispatcher, access rules, audit): in a
// browser there is nothing to choose; with a desktop shell's port (a small in-memory one here, the
// Electron one is tested in tests/unit/electron-app/desktop-port.test.ts) changes are audited and
// every change the port reports reaches the screens as desktop.updated.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { DesktopPort } from '../../../electron/core/desktop/desktop-side';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import type { AuditEntryView, Cashier } from '../../../shared/manager-types';
import type { PosEvent } from '../../../shared/pos-contract';
import { PosError } from '../../../shared/pos-error';
import type { DesktopInfo } from '../../../shared/setup';
import { call, fastPolling, signedInContext, tempDataDir, useTestCores } from '../../support/core-harness';

// Each test starts a core and sets up the owner; one also adds a cashier and signs her in: each PIN set
// or typed is a 128 MiB scrypt (OWASP's cost). On the shared 2-core machine this file's five tests took
// 125 s together (2.4 s for the slowest on a quiet one), past vitest's budget: a budget, not a speed check.
vi.setConfig({ testTimeout: 120_000 });

const browserCore = useTestCores();
const started: PosCore[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((core) => core.close()));
});

/** Two monitors, the till on the first; refuses the till's monitor like the shell does. */
class MemoryDesktopPort implements DesktopPort {
  state: DesktopInfo = {
    available: true,
    displays: [
      { id: 1, label: '', x: 0, y: 0, width: 1920, height: 1080, primary: true, till: true },
      { id: 2, label: 'ELO', x: 1920, y: 0, width: 1280, height: 800, primary: false, till: false },
    ],
    customerDisplay: 'auto',
    customerDisplayNow: 2,
    kiosk: false,
  };
  private readonly listeners = new Set<(info: DesktopInfo) => void>();
  info(): DesktopInfo {
    return structuredClone(this.state);
  }
  setCustomerDisplay(display: DesktopInfo['customerDisplay']): DesktopInfo {
    if (display === 1) throw new PosError('conflict', 'That monitor shows the till.', 'display');
    this.change({ customerDisplay: display, customerDisplayNow: display === 'off' ? null : 2 });
    return this.info();
  }
  setKiosk(kiosk: boolean): DesktopInfo {
    this.change({ kiosk });
    return this.info();
  }
  onChange(listener: (info: DesktopInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** A monitor unplugged, say: what the shell reports. */
  change(next: Partial<DesktopInfo>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener(this.info());
  }
  get subscribers(): number {
    return this.listeners.size;
  }
}

async function desktopCore(port: DesktopPort): Promise<PosCore> {
  const config = loadCoreConfig({}, { dataDir: tempDataDir(), httpPort: 0, simPort: null });
  const core = await startCore(config, { pollSchedule: fastPolling, log: () => undefined, desktop: port });
  started.push(core);
  await signedInContext(core);
  return core;
}

function desktopEvents(core: PosCore): DesktopInfo[] {
  const seen: DesktopInfo[] = [];
  core.subscribe((event: PosEvent) => event.type === 'desktop.updated' && seen.push(event.data));
  return seen;
}

async function refusal(core: PosCore, op: string, input: unknown, context?: CallContext) {
  const result = await core.dispatch(op, input, context ?? (await signedInContext(core)));
  expect(result.ok, `${op} should be refused`).toBe(false);
  return (result as { ok: false; error: { code: string; field?: string } }).error;
}

describe('desktop side', () => {
  it('in a browser: nothing to choose, and choosing is refused with a reason, changing nothing', async () => {
    const core = await browserCore();
    expect(await call<DesktopInfo>(core, 'desktop.info', {})).toEqual({ available: false, displays: [], customerDisplay: 'auto', customerDisplayNow: null, kiosk: false });
    expect(await refusal(core, 'desktop.setCustomerDisplay', { display: 2 })).toMatchObject({ code: 'conflict', field: 'desktop' });
    expect(await refusal(core, 'desktop.setKiosk', { kiosk: true })).toMatchObject({ code: 'conflict', field: 'desktop' });
    const audit = await call<AuditEntryView[]>(core, 'audit.list', {});
    expect(audit.filter((entry) => entry.action.startsWith('desktop.'))).toEqual([]);
  });

  it('with the desktop shell: a manager’s choices go to the port, are audited, and reach every screen as desktop.updated', async () => {
    const port = new MemoryDesktopPort();
    const core = await desktopCore(port);
    const seen = desktopEvents(core);
    expect(await call<DesktopInfo>(core, 'desktop.info', {})).toEqual(port.state);

    expect(await call<DesktopInfo>(core, 'desktop.setCustomerDisplay', { display: 'off' })).toMatchObject({ customerDisplay: 'off', customerDisplayNow: null });
    expect(await call<DesktopInfo>(core, 'desktop.setKiosk', { kiosk: true })).toMatchObject({ kiosk: true });
    // The same choice again changes nothing, so nothing more is audited.
    await call<DesktopInfo>(core, 'desktop.setKiosk', { kiosk: true });
    expect(seen.map((info) => [info.customerDisplay, info.kiosk])).toEqual([['off', false], ['off', true], ['off', true]]);

    const audit = await call<AuditEntryView[]>(core, 'audit.list', {});
    expect(audit.filter((entry) => entry.action.startsWith('desktop.')).map(({ actor, action, detail }) => ({ actor, action, detail }))).toEqual([
      { actor: 'Owner Somchai', action: 'desktop.kiosk', detail: { kiosk: true } },
      { actor: 'Owner Somchai', action: 'desktop.customer_display', detail: { from: 'auto', to: 'off' } },
    ]);

    // A monitor unplugged: the shell reports it and the screens hear it without asking.
    port.change({ displays: port.state.displays.slice(0, 1), customerDisplayNow: null });
    expect(seen.at(-1)?.displays).toHaveLength(1);
  });

  it('a refusal from the shell reaches the caller as is, and nothing is audited', async () => {
    const core = await desktopCore(new MemoryDesktopPort());
    expect(await refusal(core, 'desktop.setCustomerDisplay', { display: 1 })).toMatchObject({ code: 'conflict', field: 'display' });
    expect(await refusal(core, 'desktop.setCustomerDisplay', { display: -3 })).toMatchObject({ code: 'invalid_input', field: 'display' });
    expect(await refusal(core, 'desktop.setKiosk', { kiosk: 'yes' })).toMatchObject({ code: 'invalid_input', field: 'kiosk' });
    const audit = await call<AuditEntryView[]>(core, 'audit.list', {});
    expect(audit.filter((entry) => entry.action.startsWith('desktop.'))).toEqual([]);
  });

  it('only a manager may see or change this computer’s screens (a cashier cannot leave kiosk mode)', async () => {
    const port = new MemoryDesktopPort();
    port.state.kiosk = true;
    const core = await desktopCore(port);
    const owner = await signedInContext(core);
    const cashier = await call<Cashier>(core, 'cashiers.create', { name: 'Nok', pin: '1357', role: 'cashier' }, owner);
    const context: CallContext = { transport: 'ipc', clientKey: 'ipc:cashier-window' };
    await call(core, 'auth.signIn', { cashierId: cashier.cashierId, pin: '1357' }, context);
    expect(await refusal(core, 'desktop.setKiosk', { kiosk: false }, context)).toMatchObject({ code: 'forbidden' });
    expect(port.state.kiosk).toBe(true);
  });

  it('stops listening to the port when the core closes', async () => {
    const port = new MemoryDesktopPort();
    const core = await desktopCore(port);
    expect(port.subscribers).toBe(1);
    await core.close();
    started.splice(started.indexOf(core), 1);
    expect(port.subscribers).toBe(0);
  });
});
