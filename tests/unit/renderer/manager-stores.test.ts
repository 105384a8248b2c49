import { describe, expect, it } from 'vitest';
import type { AuthStatus, ExportJob, Refund, SaleDetail } from '../../../shared/manager-types';
import { createAuthStore } from '../../../renderer/state/auth-store';
import { createExportStore } from '../../../renderer/state/export-store';
import { createHistoryStore } from '../../../renderer/state/history-store';
import { createSaleDetailStore } from '../../../renderer/state/sale-detail-store';
import { translate } from '../../../shared/i18n/translate';
import { createFakeTransport, demoInfo, flush, makeSale } from './fake-transport';

const signedOut: AuthStatus = { setupRequired: false, user: null, elevatedUntil: null, effectiveRole: null };
const owner = { cashierId: 'csh_owner123', name: 'Ploy', role: 'manager' as const, owner: true };
const cashier = { cashierId: 'csh_nok12345', name: 'Nok', role: 'cashier' as const, owner: false };

function authSetup(status: AuthStatus) {
  const transport = createFakeTransport();
  transport.handle('app.info', () => ({ ok: true, value: demoInfo }));
  transport.handle('auth.status', () => ({ ok: true, value: status }));
  transport.handle('cashiers.directory', () => ({ ok: true, value: [{ cashierId: owner.cashierId, name: 'Ploy', role: 'manager' }, { cashierId: cashier.cashierId, name: 'Nok', role: 'cashier' }] }));
  const store = createAuthStore({ transport, now: () => 1_000 });
  return { transport, store };
}

describe('auth store', () => {
  it('first run: asks for the owner PIN twice and refuses a mismatch without calling the core', async () => {
    const { transport, store } = authSetup({ ...signedOut, setupRequired: true });
    transport.handle('auth.setupOwner', () => ({ ok: true, value: { setupRequired: false, user: owner, elevatedUntil: null, effectiveRole: 'manager' } }));
    await store.getState().load();
    expect(store.getState().phase).toBe('setup');
    store.getState().setSetupName('Ploy');
    for (const d of '2468') store.getState().pressPin(d as '2');
    await store.getState().submit();
    expect(store.getState().setupField).toBe('confirm');
    for (const d of '2469') store.getState().pressPin(d as '2');
    await store.getState().submit();
    expect(store.getState().error?.key).toBe('auth.setup.mismatch');
    expect(store.getState().setupConfirm).toBe('');
    expect(transport.callsOf('auth.setupOwner')).toHaveLength(0);
    for (const d of '2468') store.getState().pressPin(d as '2');
    await store.getState().submit();
    expect(transport.callsOf('auth.setupOwner')).toEqual([{ name: 'Ploy', pin: '2468' }]);
    expect(store.getState().phase).toBe('signedIn');
  });

  it('sign-in: shows the core refusal translated, with the tries left as a fact, and clears the PIN', async () => {
    const { transport, store } = authSetup(signedOut);
    transport.handle('auth.signIn', () => ({ ok: false, error: { code: 'unauthorized', message: 'Wrong PIN, 4 tries left.', field: 'pin', details: { triesLeft: 4 } } }));
    await store.getState().load();
    expect(store.getState().phase).toBe('signIn');
    store.getState().pressPin('1');
    expect(store.getState().pin).toBe('');
    store.getState().selectCashier(cashier.cashierId);
    for (const d of '0000') store.getState().pressPin(d as '0');
    await store.getState().submit();
    expect(store.getState().error).toEqual({ key: 'auth.error.wrongPin', detail: 'Wrong PIN, 4 tries left.', fact: { key: 'auth.error.triesLeft', vars: { count: 4 } } });
    expect(store.getState().pin).toBe('');
    expect(store.getState().phase).toBe('signIn');
  });

  it('elevation: concurrent requests share one PIN dialog; a wrong PIN keeps it open; the right one grants all', async () => {
    const { transport, store } = authSetup({ setupRequired: false, user: cashier, elevatedUntil: null, effectiveRole: 'cashier' });
    let tries = 0;
    transport.handle('auth.elevate', () =>
      ++tries === 1
        ? { ok: false, error: { code: 'unauthorized', message: 'That is not a manager PIN.', field: 'pin' } }
        : { ok: true, value: { setupRequired: false, user: cashier, elevatedUntil: 300_000, effectiveRole: 'manager' } },
    );
    await store.getState().load();
    expect(store.getState().isManager()).toBe(false);
    const a = store.getState().requestElevation('settings.get');
    const b = store.getState().requestElevation('backup.list');
    for (const d of '1111') store.getState().pressElevationPin(d as '1');
    await store.getState().submitElevation();
    expect(store.getState().elevation?.error?.key).toBe('auth.error.wrongPin');
    for (const d of '2468') store.getState().pressElevationPin(d as '2');
    await store.getState().submitElevation();
    expect(await a).toBe(true);
    expect(await b).toBe(true);
    expect(store.getState().elevation).toBeNull();
    expect(store.getState().isManager()).toBe(true);
  });

  it('the manager area: a manager goes straight in; a cashier is asked for a manager PIN first and stays out without it', async () => {
    const manager = authSetup({ setupRequired: false, user: owner, elevatedUntil: null, effectiveRole: 'manager' });
    await manager.store.getState().load();
    expect(await manager.store.getState().ensureManager('sales.search')).toBe(true);
    expect(manager.store.getState().elevation).toBeNull();

    const { transport, store } = authSetup({ setupRequired: false, user: cashier, elevatedUntil: null, effectiveRole: 'cashier' });
    transport.handle('auth.elevate', () => ({ ok: true, value: { setupRequired: false, user: cashier, elevatedUntil: 300_000, effectiveRole: 'manager' } }));
    await store.getState().load();
    const refused = store.getState().ensureManager('sales.search');
    expect(store.getState().elevation?.op).toBe('sales.search');
    store.getState().cancelElevation();
    expect(await refused).toBe(false);
    expect(transport.callsOf('auth.elevate')).toHaveLength(0);

    const granted = store.getState().ensureManager('sales.search');
    for (const d of '2468') store.getState().pressElevationPin(d as '2');
    await store.getState().submitElevation();
    expect(await granted).toBe(true);
    // Raised for a while: no second PIN.
    expect(await store.getState().ensureManager('sales.search')).toBe(true);
    expect(transport.callsOf('auth.elevate')).toHaveLength(1);
  });

  it('a lost session goes back to sign-in with a notice', async () => {
    const { store } = authSetup({ setupRequired: false, user: owner, elevatedUntil: null, effectiveRole: 'manager' });
    await store.getState().load();
    expect(store.getState().phase).toBe('signedIn');
    store.getState().handleUnauthorized();
    expect(store.getState().phase).toBe('signIn');
    expect(store.getState().notice).toBe('auth.sessionEnded');
  });
});

function refund(patch: Partial<Refund>): Refund {
  return { id: 'rfd_ABCDEFGH', saleId: 'x', tender: 'promptpay', stripeRefundId: 're_1', amount: 10_000, status: 'pending', email: 'a@b.co', reason: 'requested_by_customer', failureReason: null, requestedBy: 'Ploy', createdAt: 2, updatedAt: 2, ...patch };
}

describe('sale detail store', () => {
  it('refunds part of a paid sale, then follows refund.updated events for its status', async () => {
    const transport = createFakeTransport();
    const sale = makeSale({ status: 'succeeded', amount: 30_000 });
    let detail: SaleDetail = { sale, timeline: [], refunds: [], refundable: 30_000 };
    transport.handle('sales.detail', () => ({ ok: true, value: detail }));
    transport.handle('refunds.create', (input) => {
      const created = refund({ saleId: sale.id, amount: input.amount, email: input.email ?? null });
      detail = { ...detail, refunds: [created], refundable: 30_000 - input.amount };
      return { ok: true, value: created };
    });
    const store = createSaleDetailStore({ transport });
    await store.getState().open(sale.id);
    store.getState().openRefund();
    store.getState().pressRefundKey('1');
    store.getState().pressRefundKey('0');
    store.getState().pressRefundKey('0');
    store.getState().setRefundEmail('a@b.co');
    await store.getState().submitRefund();
    expect(transport.callsOf('refunds.create')).toEqual([{ saleId: sale.id, amount: 10_000, email: 'a@b.co', reason: 'requested_by_customer' }]);
    expect(store.getState().refund).toBeNull();
    expect(store.getState().detail?.refundable).toBe(20_000);
    store.getState().onEvent({ type: 'refund.updated', data: refund({ saleId: sale.id, status: 'requires_action', updatedAt: 5 }) });
    expect(store.getState().detail?.refunds[0].status).toBe('requires_action');
    store.getState().onEvent({ type: 'refund.updated', data: refund({ saleId: 'sale_OTHER0000', id: 'rfd_OTHER000', status: 'succeeded' }) });
    expect(store.getState().detail?.refunds).toHaveLength(1);
  });

  it('refuses more than what is left without calling the core, and shows a core refusal in the dialog', async () => {
    const transport = createFakeTransport();
    const sale = makeSale({ status: 'succeeded', amount: 30_000 });
    transport.handle('sales.detail', () => ({ ok: true, value: { sale, timeline: [], refunds: [], refundable: 20_000 } }));
    transport.handle('refunds.create', () => ({ ok: false, error: { code: 'refund_exceeds_remaining', message: 'Only ฿50.00 is left to refund.', field: 'amount' } }));
    const store = createSaleDetailStore({ transport });
    await store.getState().open(sale.id);
    store.getState().openRefund();
    for (const k of '250') store.getState().pressRefundKey(k as '2');
    store.getState().setRefundEmail('a@b.co');
    await store.getState().submitRefund();
    expect(store.getState().refund?.problem?.key).toBe('refund.error.overRefundable');
    expect(transport.callsOf('refunds.create')).toHaveLength(0);
    store.getState().setRefundMode('full');
    await store.getState().submitRefund();
    expect(store.getState().refund?.error).toEqual({ key: 'error.refund_exceeds_remaining', detail: 'Only ฿50.00 is left to refund.' });
  });

  it('says why the core refused a refund in the cashier’s language, not "That sale has already finished"', async () => {
    // Regression: both refusals arrived as `conflict`, whose headline is about a finished sale.
    const transport = createFakeTransport();
    const sale = makeSale({ status: 'succeeded', amount: 30_000 });
    transport.handle('sales.detail', () => ({ ok: true, value: { sale, timeline: [], refunds: [], refundable: 30_000 } }));
    const store = createSaleDetailStore({ transport });
    await store.getState().open(sale.id);
    const cases = [
      ['refund_exceeds_remaining', 'error.refund_exceeds_remaining', /more than what is left to refund/, /เกินยอดที่ยังคืนได้/],
      ['sale_not_refundable', 'error.sale_not_refundable', /Only a paid sale can be refunded/, /คืนเงินได้เฉพาะรายการที่ชำระเงินแล้ว/],
    ] as const;
    for (const [code, key, english, thai] of cases) {
      transport.handle('refunds.create', () => ({ ok: false, error: { code, message: 'core words' } }));
      store.getState().openRefund();
      store.getState().setRefundEmail('a@b.co');
      await store.getState().submitRefund();
      const shown = store.getState().refund?.error;
      expect(shown?.key).toBe(key);
      expect(translate('en', shown!.key)).toMatch(english);
      expect(translate('th', shown!.key)).toMatch(thai);
      for (const lang of ['en', 'th'] as const) expect(translate(lang, shown!.key)).not.toBe(translate(lang, 'error.conflict'));
      store.getState().closeRefund();
    }
  });
});

describe('history and export stores', () => {
  it('searches one business day, normalises an amount query and pages by cursor', async () => {
    const transport = createFakeTransport();
    const first = makeSale({ status: 'succeeded' });
    const second = makeSale({ status: 'succeeded' });
    transport.handle('sales.search', (input) => ({ ok: true, value: input.cursor ? { sales: [second], nextCursor: null } : { sales: [first], nextCursor: 'c1' } }));
    const store = createHistoryStore({ transport, now: () => Date.UTC(2026, 10, 25, 23, 30) });
    expect(store.getState().date).toBe('2026-11-26');
    store.getState().setQuery('฿1,234.50');
    await store.getState().search();
    expect(transport.callsOf('sales.search')[0]).toEqual({ from: '2026-11-26', to: '2026-11-26', limit: 50, query: '1234.50' });
    await store.getState().loadMore();
    expect(store.getState().sales.map((s) => s.id)).toEqual([first.id, second.id]);
    expect(store.getState().nextCursor).toBeNull();
  });

  it('follows an export by events and by polling, and ignores other tills’ jobs', async () => {
    const transport = createFakeTransport();
    const job: ExportJob = { id: 'exp_ABCDEFGH', format: 'csv', from: '2026-11-26', to: '2026-11-26', status: 'running', done: 0, total: 10, fileName: 'a.csv', filePath: null, downloadUrl: null, error: null };
    transport.handle('reports.export', () => ({ ok: true, value: job }));
    transport.handle('reports.exportStatus', () => ({ ok: true, value: { ...job, status: 'done', done: 10, downloadUrl: '/api/exports/exp_ABCDEFGH/file' } }));
    const store = createExportStore({ transport, now: () => Date.UTC(2026, 10, 26, 5) });
    await store.getState().start();
    store.getState().onEvent({ type: 'export.progress', data: { ...job, done: 4 } });
    store.getState().onEvent({ type: 'export.progress', data: { ...job, id: 'exp_OTHER0000', done: 4 } });
    expect(store.getState().jobs).toHaveLength(1);
    expect(store.getState().jobs[0].done).toBe(4);
    expect(await store.getState().poll()).toBe(0);
    expect(store.getState().jobs[0].downloadUrl).toBe('/api/exports/exp_ABCDEFGH/file');
    await flush();
  });
});
