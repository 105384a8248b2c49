// The till's view of the app's own update: shown only when one is ready (never in browser mode, never
// while checking or downloading), Install now through a manager (a cashier gets the PIN dialog of the
// real auth store), and a sale in the way said in the screen's words.
import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en';
import { th } from '../../../shared/i18n/th';
import type { AuthStatus } from '../../../shared/manager-types';
import type { UpdateStatus } from '../../../shared/setup';
import { createAuthStore } from '../../../renderer/state/auth-store';
import { createUpdateStore, readyVersion, type UpdateStore } from '../../../renderer/state/update-store';
import { createFakeTransport } from './fake-transport';

const IDLE: UpdateStatus = { available: true, state: 'idle', currentVersion: '0.1.0', readyVersion: null, percent: null, error: null, lastCheckedAt: null };
const READY: UpdateStatus = { ...IDLE, state: 'ready', readyVersion: '0.2.0', lastCheckedAt: 1_700_000_000_000 };
const BROWSER: UpdateStatus = { ...IDLE, available: false };

const session = (role: 'cashier' | 'manager', elevatedUntil: number | null = null): AuthStatus => ({
  setupRequired: false,
  user: { cashierId: `c_${role}`, name: role === 'manager' ? 'Somchai' : 'Nok', role, owner: role === 'manager' },
  elevatedUntil,
  effectiveRole: elevatedUntil ? 'manager' : role,
});

function setUp(role: 'cashier' | 'manager' = 'manager') {
  const transport = createFakeTransport();
  const auth = createAuthStore({ transport, now: () => 1_700_000_000_000 });
  auth.setState({ phase: 'signedIn', status: session(role) });
  const store = createUpdateStore({ transport, ensureManager: (op) => auth.getState().ensureManager(op) });
  return { transport, auth, store };
}

/** The store's next change (the answer to a call has arrived). */
function changed(store: UpdateStore): Promise<void> {
  return new Promise((resolve) => {
    const stop = store.subscribe(() => {
      stop();
      resolve();
    });
  });
}

describe('what the till shows', () => {
  it('an update that is ready, and nothing while checking, downloading, after an error or in browser mode', () => {
    expect(readyVersion(READY)).toBe('0.2.0');
    for (const status of [null, IDLE, BROWSER, { ...READY, available: false }, { ...IDLE, state: 'checking' as const }, { ...IDLE, state: 'downloading' as const, percent: 40 }, { ...IDLE, state: 'error' as const, error: 'HttpError: 404' }]) {
      expect(readyVersion(status)).toBeNull();
    }
  });

  it('reads the status once connected, again after a reconnect, and follows its event', async () => {
    const { transport, store } = setUp();
    let answer = IDLE;
    transport.handle('updates.status', () => ({ ok: true, value: answer }));
    const stop = store.getState().start();
    expect(transport.callsOf('updates.status')).toHaveLength(0);
    const loaded = changed(store);
    transport.setConnection('connected');
    await loaded;
    expect(store.getState().status).toEqual(IDLE);
    transport.emit({ type: 'updates.updated', data: READY });
    expect(readyVersion(store.getState().status)).toBe('0.2.0');
    answer = { ...READY, readyVersion: '0.2.1' };
    transport.setConnection('disconnected');
    const reloaded = changed(store);
    transport.setConnection('connected');
    await reloaded;
    expect(store.getState().status?.readyVersion).toBe('0.2.1');
    stop();
    transport.emit({ type: 'updates.updated', data: IDLE });
    expect(store.getState().status?.readyVersion).toBe('0.2.1');
  });

  it('has the strip\'s words in Thai and English', () => {
    for (const key of ['updates.ready', 'updates.install', 'updates.installLabel', 'updates.installing', 'updates.saleInProgress'] as const) {
      expect(en[key]).toBeTruthy();
      expect(th[key]).toBeTruthy();
      expect(th[key]).not.toBe(en[key]);
    }
    expect(en['updates.ready']).toContain('{version}');
    expect(th['updates.ready']).toContain('{version}');
  });
});

describe('Install now', () => {
  it('installs for a manager at once', async () => {
    const { transport, store } = setUp('manager');
    store.setState({ status: READY });
    transport.handle('updates.install', () => ({ ok: true, value: READY }));
    await store.getState().install();
    expect(transport.callsOf('updates.install')).toEqual([{}]);
    expect(store.getState()).toMatchObject({ installing: true, busy: false, error: null });
    // Pressed again while the till closes: nothing more is asked.
    await store.getState().install();
    expect(transport.callsOf('updates.install')).toHaveLength(1);
  });

  it('asks a cashier for a manager\'s PIN first, and installs once it is given', async () => {
    const { transport, auth, store } = setUp('cashier');
    store.setState({ status: READY });
    transport.handle('updates.install', () => ({ ok: true, value: READY }));
    transport.handle('auth.elevate', () => ({ ok: true, value: session('cashier', 1_700_000_300_000) }));
    const pressed = store.getState().install();
    expect(auth.getState().elevation).toMatchObject({ op: 'updates.install' });
    expect(transport.callsOf('updates.install')).toEqual([]);
    for (const digit of '1357') auth.getState().pressElevationPin(digit as '1');
    await auth.getState().submitElevation();
    await pressed;
    expect(transport.callsOf('auth.elevate')).toEqual([{ pin: '1357' }]);
    expect(transport.callsOf('updates.install')).toEqual([{}]);
    expect(store.getState().installing).toBe(true);
  });

  it('does nothing when the cashier closes the PIN dialog', async () => {
    const { transport, auth, store } = setUp('cashier');
    store.setState({ status: READY });
    const pressed = store.getState().install();
    auth.getState().cancelElevation();
    await pressed;
    expect(transport.callsOf('updates.install')).toEqual([]);
    expect(store.getState()).toMatchObject({ installing: false, busy: false, error: null });
  });

  it('says plainly that a sale is waiting for payment, and the next status clears it', async () => {
    const { transport, store } = setUp('manager');
    store.setState({ status: READY });
    transport.handle('updates.install', () => ({
      ok: false,
      error: { code: 'conflict', message: 'A sale is waiting for payment: the update installs once it is finished.', field: 'sale', details: { setupProblem: 'sale_in_progress' } },
    }));
    await store.getState().install();
    expect(store.getState()).toMatchObject({ installing: false, busy: false, error: { key: 'updates.saleInProgress', detail: null } });
    const stop = store.getState().start();
    transport.emit({ type: 'updates.updated', data: READY });
    expect(store.getState().error).toBeNull();
    stop();
  });

  it('words any other refusal as the manager screens do', async () => {
    const { transport, store } = setUp('manager');
    store.setState({ status: READY });
    transport.handle('updates.install', () => ({ ok: false, error: { code: 'conflict', message: 'No update is ready to install.', field: 'update' } }));
    await store.getState().install();
    expect(store.getState().error).toEqual({ key: 'manager.error.conflict', detail: 'No update is ready to install.' });
  });

  it('is not offered without a ready update', async () => {
    const { transport, store } = setUp('manager');
    store.setState({ status: BROWSER });
    await store.getState().install();
    expect(transport.calls).toEqual([]);
  });
});
