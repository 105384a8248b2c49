import { describe, expect, it } from 'vitest';
import type { Shift, ZReport, ZReportSummary } from '../../../shared/manager-types';
import { parseRoute, routeHash, tabOf } from '../../../renderer/state/manager-route';
import { createZReportStore } from '../../../renderer/state/z-report-store';
import { createFakeTransport } from './fake-transport';

const NOON_BANGKOK_2026_12_02 = Date.UTC(2026, 11, 2, 5, 0);
const summary: ZReportSummary = { id: 'zr_TEST00000001', number: 1, tillId: 'till-1', date: '2026-12-01', net: 150_000, createdAt: 1, createdBy: 'Ploy' };
const openShift = { id: 'shf_TEST0001', number: 4, closedAt: null } as Shift;
const closedShift = { id: 'shf_TEST0002', number: 3, closedAt: 5 } as Shift;

function setup(shifts: Shift[]) {
  const transport = createFakeTransport();
  const listed: ZReportSummary[] = [summary];
  transport.handle('zreports.list', () => ({ ok: true, value: [...listed] }));
  transport.handle('shifts.list', () => ({ ok: true, value: shifts }));
  transport.handle('zreports.create', (input) => {
    const z = { id: 'zr_TEST00000002', number: 2, tillId: 'till-1', date: input.date, net: 0, createdAt: 2, createdBy: 'Ploy' };
    listed.unshift(z);
    return { ok: true, value: z as unknown as ZReport };
  });
  const store = createZReportStore({ transport, timeZone: () => 'Asia/Bangkok', tillId: () => 'till-1', now: () => NOON_BANGKOK_2026_12_02 });
  return { transport, store };
}

describe('Z report store', () => {
  it('closes the shop’s today by default, writes the Z and lists it first', async () => {
    const { transport, store } = setup([closedShift]);
    await store.getState().load();
    expect(store.getState().date).toBe('2026-12-02');
    expect(await store.getState().closeDay()).toBe(true);
    expect(transport.callsOf('shifts.list')).toEqual([{ date: '2026-12-02', tillId: 'till-1' }]);
    expect(transport.callsOf('zreports.create')).toEqual([{ date: '2026-12-02' }]);
    expect(store.getState().shown?.number).toBe(2);
    expect(store.getState().reports.map((z) => z.number)).toEqual([2, 1]);
  });

  it('refuses plainly while a shift of that day is open, naming it, and writes nothing', async () => {
    const { transport, store } = setup([closedShift, openShift]);
    expect(await store.getState().closeDay()).toBe(false);
    expect(store.getState().closeError).toEqual({ key: 'z.error.shiftOpen', detail: null, fact: { key: 'z.error.shiftOpenWhich', vars: { number: 4 } } });
    expect(transport.callsOf('zreports.create')).toHaveLength(0);
  });

  it('refuses a day already closed on this till without asking the core to write it', async () => {
    const { transport, store } = setup([]);
    await store.getState().load();
    store.getState().setDate('2026-12-01');
    expect(await store.getState().closeDay()).toBe(false);
    expect(store.getState().closeError?.key).toBe('z.error.exists');
    expect(transport.callsOf('zreports.create')).toHaveLength(0);
  });

  it('a refusal from the core is shown with its words', async () => {
    const { transport, store } = setup([]);
    transport.handle('zreports.create', () => ({ ok: false, error: { code: 'conflict', message: 'Day 2026-12-02 is already closed on till-1 (Z 2).' } }));
    expect(await store.getState().closeDay()).toBe(false);
    expect(store.getState().closeError).toEqual({ key: 'z.error.refused', detail: 'Day 2026-12-02 is already closed on till-1 (Z 2).' });
  });

  it('opens one Z report; an answer for one closed meanwhile is dropped', async () => {
    const { transport, store } = setup([]);
    transport.handle('zreports.get', (input) => ({ ok: true, value: { id: input.id, number: 1 } as ZReport }));
    await store.getState().show('zr_TEST00000001');
    expect(store.getState().shown?.id).toBe('zr_TEST00000001');
    const pending = store.getState().show('zr_TEST00000009');
    store.getState().hide();
    await pending;
    expect(store.getState().shown).toBeNull();
  });
});

describe('Z report PDF', () => {
  it('asks for the shown Z in the screen’s language and keeps the link; a refusal is shown', async () => {
    const { transport, store } = setup([]);
    transport.handle('zreports.get', (input) => ({ ok: true, value: { id: input.id, number: 1 } as ZReport }));
    const file = { fileName: 'z-report-till-1-0001.pdf', filePath: null, downloadUrl: '/api/zreports/zr_TEST00000001/pdf?lang=th' };
    transport.handle('zreports.pdf', () => ({ ok: true, value: file }));
    expect(await store.getState().makePdf('th')).toBeNull();
    expect(transport.callsOf('zreports.pdf')).toHaveLength(0);
    await store.getState().show('zr_TEST00000001');
    expect(await store.getState().makePdf('th')).toEqual(file);
    expect(transport.callsOf('zreports.pdf')).toEqual([{ id: 'zr_TEST00000001', lang: 'th' }]);
    expect(store.getState().pdf).toEqual(file);
    transport.handle('zreports.pdf', () => ({ ok: false, error: { code: 'not_found', message: 'No such Z report.' } }));
    expect(await store.getState().makePdf('en')).toBeNull();
    expect(store.getState().error?.key).toBe('manager.error.not_found');
  });
});

describe('Z reports route', () => {
  it('has its own manager tab, round-tripping through the hash', () => {
    expect(parseRoute(routeHash({ name: 'zreports' }))).toEqual({ name: 'zreports' });
    expect(tabOf({ name: 'zreports' })).toBe('zreports');
  });
});
