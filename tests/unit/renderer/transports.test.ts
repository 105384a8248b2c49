import { describe, expect, it, vi } from 'vitest';
import type { PosEvent } from '../../../shared/pos-contract';
import { POS_OPERATION_NAMES } from '../../../shared/pos-operation-names';
import { errorMessageKey } from '../../../renderer/state/error-message';
import { resultFromResponse } from '../../../renderer/transport/http-result';
import { bridgeFunctionFor, createIpcTransport, isPosBridge, type PosBridge } from '../../../renderer/transport/ipc-transport';
import { unreachableError } from '../../../renderer/transport/renderer-transport';
import { createHttpTransport } from '../../../renderer/transport/http-transport';

function fakeBridge(): PosBridge & { listeners: ((event: PosEvent) => void)[] } {
  const listeners: ((event: PosEvent) => void)[] = [];
  const bridge: Record<string, unknown> = {
    listeners,
    onEvent: (listener: (event: PosEvent) => void) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  };
  for (const op of POS_OPERATION_NAMES) {
    const [group, method] = op.split('.');
    const holder = (bridge[group] ??= {}) as Record<string, unknown>;
    holder[method] = vi.fn<(input: unknown) => Promise<unknown>>(async (input) => ({ ok: true, value: { op, input } }));
  }
  return bridge as unknown as PosBridge & { listeners: ((event: PosEvent) => void)[] };
}

describe('IPC transport', () => {
  it('maps every operation name onto the preload nested function, generically', async () => {
    const bridge = fakeBridge();
    const transport = createIpcTransport(bridge);
    for (const op of POS_OPERATION_NAMES) expect(bridgeFunctionFor(bridge, op)).toBeTypeOf('function');
    const result = await transport.call('sales.charge', { amount: 1000 });
    expect(result).toEqual({ ok: true, value: { op: 'sales.charge', input: { amount: 1000 } } });
  });

  it('turns a thrown preload error into a PosResult instead of throwing', async () => {
    const bridge = fakeBridge();
    (bridge.sales as Record<string, unknown>).get = async () => {
      throw new Error('boom');
    };
    const result = await createIpcTransport(bridge).call('sales.get', { saleId: 'sale_abcdefgh' });
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('delivers events and is always connected', () => {
    const bridge = fakeBridge();
    const transport = createIpcTransport(bridge);
    const seen: PosEvent[] = [];
    const stop = transport.subscribe((event) => seen.push(event));
    const states: string[] = [];
    transport.onConnectionChange((state) => states.push(state));
    bridge.listeners[0]({ type: 'sale.updated', data: {} as never });
    stop();
    expect(seen).toHaveLength(1);
    expect(bridge.listeners).toHaveLength(0);
    expect(states).toEqual(['connected']);
  });

  it('is chosen only when window.pos looks like the preload bridge', () => {
    expect(isPosBridge(fakeBridge())).toBe(true);
    expect(isPosBridge(undefined)).toBe(false);
    expect(isPosBridge({ sales: {} })).toBe(false);
  });
});

describe('HTTP transport and the till\'s request limit', () => {
  const refusal = (details: Record<string, number>) => new Response(JSON.stringify({ ok: false, error: { code: 'rate_limited', message: 'Too many', details } }), { status: 429 });
  const answer = () => new Response(JSON.stringify({ ok: true, value: 'info' }), { status: 200 });
  function transportAnswering(responses: (() => Response)[]) {
    const waits: number[] = [];
    let calls = 0;
    const transport = createHttpTransport({
      baseUrl: 'http://till.test',
      fetch: async () => responses[Math.min(calls++, responses.length - 1)](),
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    return { transport, waits, calls: () => calls };
  }

  it('waits as long as the limit says and asks again, twice at most', async () => {
    const busyTwice = transportAnswering([() => refusal({ retryAfterMs: 120 }), () => refusal({ retryAfterMs: 80 }), answer]);
    expect(await busyTwice.transport.call('app.info', {})).toEqual({ ok: true, value: 'info' });
    expect(busyTwice.waits).toEqual([120, 80]);

    const busy = transportAnswering([() => refusal({ retryAfterMs: 50 })]);
    expect(await busy.transport.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(busy.calls()).toBe(3);
  });

  it('never asks again after a lock (wrong PINs), or when the wait is longer than a blink', async () => {
    const locked = transportAnswering([() => refusal({ lockedUntil: Date.now() + 60_000 }), answer]);
    expect(await locked.transport.call('auth.signIn', { userId: 'u', pin: '0000' } as never)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(locked.calls()).toBe(1);

    const long = transportAnswering([() => refusal({ retryAfterMs: 30_000 }), answer]);
    expect(await long.transport.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(long.calls()).toBe(1);
    expect([...locked.waits, ...long.waits]).toEqual([]);
  });
});

describe('HTTP responses', () => {
  it('passes the server PosResult through, whatever the status', () => {
    expect(resultFromResponse(200, { ok: true, value: 1 })).toEqual({ ok: true, value: 1 });
    const error = { code: 'amount_too_small', message: 'too small', field: 'amount' };
    expect(resultFromResponse(400, { ok: false, error })).toEqual({ ok: false, error });
  });

  it('maps a body that is not a PosResult to a code from the status', () => {
    expect(resultFromResponse(429, null)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(resultFromResponse(401, '<html>')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(resultFromResponse(502, null)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(resultFromResponse(200, { hello: 1 })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(resultFromResponse(400, { ok: false, error: { code: 'made_up', message: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('a network failure reads "Cannot reach the till service", not a Stripe error', () => {
    expect(errorMessageKey(unreachableError('Failed to fetch').error)).toBe('error.till_unreachable');
    expect(errorMessageKey({ code: 'stripe_unreachable', message: 'x' })).toBe('error.stripe_unreachable');
  });
});
