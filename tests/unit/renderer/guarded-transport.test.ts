import { describe, expect, it } from 'vitest';
import { createGuardedTransport } from '../../../renderer/state/guarded-transport';
import { createFakeTransport } from './fake-transport';

const report = { date: '2026-11-26' } as never;

describe('guarded transport', () => {
  it('asks for a manager PIN on forbidden and retries the same call once when granted', async () => {
    const inner = createFakeTransport();
    let calls = 0;
    inner.handle('reports.daily', () => (++calls === 1 ? { ok: false, error: { code: 'forbidden', message: 'manager only' } } : { ok: true, value: report }));
    const asked: string[] = [];
    const guarded = createGuardedTransport(inner, { onUnauthorized: () => {}, requestElevation: async (op) => (asked.push(op), true) });
    const result = await guarded.call('reports.daily', { date: '2026-11-26' });
    expect(result).toEqual({ ok: true, value: report });
    expect(asked).toEqual(['reports.daily']);
    expect(inner.callsOf('reports.daily')).toHaveLength(2);
  });

  it('returns the refusal unchanged when the PIN is not given', async () => {
    const inner = createFakeTransport();
    inner.handle('reports.export', () => ({ ok: false, error: { code: 'forbidden', message: 'manager only' } }));
    const guarded = createGuardedTransport(inner, { onUnauthorized: () => {}, requestElevation: async () => false });
    const result = await guarded.call('reports.export', { from: '2026-11-26', to: '2026-11-26', format: 'csv' });
    expect(result.ok).toBe(false);
    expect(inner.callsOf('reports.export')).toHaveLength(1);
  });

  it('sends the till back to sign-in on unauthorized, but leaves auth.* errors to the PIN screens', async () => {
    const inner = createFakeTransport();
    inner.handle('sales.search', () => ({ ok: false, error: { code: 'unauthorized', message: 'Sign in first' } }));
    inner.handle('auth.signIn', () => ({ ok: false, error: { code: 'unauthorized', message: 'Wrong PIN', field: 'pin' } }));
    const lost: string[] = [];
    const guarded = createGuardedTransport(inner, { onUnauthorized: (op) => lost.push(op), requestElevation: async () => true });
    await guarded.call('sales.search', { from: '2026-11-26', to: '2026-11-26' });
    await guarded.call('auth.signIn', { cashierId: 'csh_abcdefgh', pin: '1234' });
    expect(lost).toEqual(['sales.search']);
  });

  it('never signs the till out for the customer feed, and never asks a manager PIN for an owner-only refusal', async () => {
    const inner = createFakeTransport();
    inner.handle('app.info', () => ({ ok: false, error: { code: 'unauthorized', message: 'pair first' } }));
    inner.handle('backup.restore', () => ({ ok: false, error: { code: 'forbidden', message: 'owner only' } }));
    const lost: string[] = [];
    const asked: string[] = [];
    const guarded = createGuardedTransport(inner, { onUnauthorized: (op) => lost.push(op), requestElevation: async (op) => (asked.push(op), true) });
    await guarded.call('app.info', {});
    const restore = await guarded.call('backup.restore', { file: 'x.sqlite3' });
    expect(restore.ok).toBe(false);
    expect(lost).toEqual([]);
    expect(asked).toEqual([]);
    expect(inner.callsOf('backup.restore')).toHaveLength(1);
  });
});
