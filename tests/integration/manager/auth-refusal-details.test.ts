// A PIN refusal carries its facts as fields (tries left, when a lock ends), through the core's result
// (what IPC hands the window) and through the real HTTP server, so no screen parses English.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lockDurationMs } from '../../../electron/core/auth/pin-lockout';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import type { Cashier } from '../../../shared/manager-types';
import type { PosResult } from '../../../shared/pos-error';
import { call, signedInContext, useTestCores } from '../../support/core-harness';
import { callPos, startTestTill, type TestTill } from '../http/http-test-till';

// Each PIN check is a 128 MiB scrypt: allow for a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

const core = useTestCores();
const windowContext = (id: number): CallContext => ({ transport: 'ipc', clientKey: `ipc:${id}`, clientAddress: `ipc:${id}` });
const errorOf = (result: PosResult<unknown>) => (result.ok ? null : result.error);

describe('PIN refusals through the core (the IPC result)', () => {
  it('says how many tries are left, then when the lock ends, as numbers', async () => {
    const pos: PosCore = await core();
    const cashier = await call<Cashier>(pos, 'cashiers.create', { name: 'Nok', pin: '1357', role: 'cashier' }, await signedInContext(pos));
    const tries: unknown[] = [];
    for (let i = 0; i < 4; i++) tries.push(errorOf(await pos.dispatch('auth.signIn', { cashierId: cashier.cashierId, pin: '0000' }, windowContext(1))));
    expect(tries).toEqual([4, 3, 2, 1].map((left) => ({ code: 'unauthorized', field: 'pin', message: expect.stringContaining(`${left} tr`), details: { triesLeft: left } })));

    const before = Date.now();
    const locking = errorOf(await pos.dispatch('auth.signIn', { cashierId: cashier.cashierId, pin: '0000' }, windowContext(1)));
    expect(locking).toMatchObject({ code: 'rate_limited', field: 'pin', details: { lockedUntil: expect.any(Number) } });
    const lockedUntil = locking!.details!.lockedUntil!;
    expect(lockedUntil).toBeGreaterThanOrEqual(before + lockDurationMs(0));
    expect(lockedUntil).toBeLessThanOrEqual(Date.now() + lockDurationMs(0));
    expect(locking!.details).not.toHaveProperty('triesLeft');

    // Even the right PIN is refused while locked, with the same end.
    expect(errorOf(await pos.dispatch('auth.signIn', { cashierId: cashier.cashierId, pin: '1357' }, windowContext(2)))).toMatchObject({
      code: 'rate_limited',
      details: { lockedUntil },
    });
  });

  it('sends no details where there is no fact to tell', async () => {
    const pos = await core();
    const refused = errorOf(await pos.dispatch('auth.elevate', { pin: '9999' }, windowContext(3)));
    expect(refused).toEqual({ code: 'unauthorized', message: 'Sign in with your PIN first.' });
  });
});

describe('PIN refusals through the HTTP server', () => {
  let till: TestTill | null = null;
  afterEach(async () => {
    await till?.close();
    till = null;
  });

  it('carries the tries left in the response body', async () => {
    till = await startTestTill();
    const created = await callPos<Cashier>(till, 'cashiers.create', { name: 'Nok', pin: '1357', role: 'cashier' });
    expect(created.body.ok).toBe(true);
    const refused = await callPos(till, 'auth.signIn', { cashierId: created.body.value.cashierId, pin: '0000' });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'unauthorized', field: 'pin', details: { triesLeft: 4 } });
  });
});
