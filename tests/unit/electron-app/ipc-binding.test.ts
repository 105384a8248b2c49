import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';
import { IPC_EVENT_CHANNEL, POS_OPERATION_NAMES, ipcChannelFor } from '../../../shared/pos-operation-names';
import { posOperationAccess } from '../../../shared/pos-contract';
import { RecordingCore } from './support/recording-core';
import { sampleSale } from './support/sample-sale';

vi.mock('electron', () => import('../../fakes/electron'));

const { bindIpc } = await import('../../../electron/app/ipc-binding');

let core: RecordingCore;
let windows: fake.BrowserWindow[];
let unbind: () => void;
let warnings: string[];

beforeEach(() => {
  fake.resetFakeElectron();
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
  vi.spyOn(console, 'error').mockImplementation((message: string) => void warnings.push(message));
  core = new RecordingCore();
  windows = [new fake.BrowserWindow(), new fake.BrowserWindow()];
  unbind = bindIpc({ core, windows: () => windows as never });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const fromWindow = (window: fake.BrowserWindow, url = 'app://pos/cashier/index.html'): fake.FakeInvokeEvent => ({
  sender: { id: window.webContents.id },
  senderFrame: { url },
});

describe('IPC binding', () => {
  it('registers exactly one handler per operation', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(POS_OPERATION_NAMES.map(ipcChannelFor).sort());
  });

  it('passes a call from our window and our origin to dispatch with the ipc transport and the window as client key', async () => {
    const input = { amount: 12_500 };
    const result = await fake.ipcMain.invoke(ipcChannelFor('sales.charge'), fromWindow(windows[0]!), input);
    expect(core.dispatched).toEqual([{ op: 'sales.charge', input, context: { transport: 'ipc', clientKey: `ipc:${windows[0]!.webContents.id}`, clientAddress: `ipc:${windows[0]!.webContents.id}` } }]);
    expect(result).toEqual({ ok: true, value: { echoedOp: 'sales.charge', echoedInput: input } });
  });

  it.each([
    ['a foreign origin', (w: fake.BrowserWindow) => fromWindow(w, 'https://evil.example/')],
    ['a look-alike host', (w: fake.BrowserWindow) => fromWindow(w, 'app://pos.evil/cashier/index.html')],
    ['a file:// page', (w: fake.BrowserWindow) => fromWindow(w, 'file:///tmp/x.html')],
    ['a destroyed frame', (w: fake.BrowserWindow) => ({ sender: { id: w.webContents.id }, senderFrame: null })],
    ['a webContents that is not one of our windows', () => ({ sender: { id: 987_654 }, senderFrame: { url: 'app://pos/cashier/index.html' } })],
  ])('refuses a call from %s with forbidden and never dispatches', async (_case, makeEvent) => {
    const result = await fake.ipcMain.invoke(ipcChannelFor('sales.charge'), makeEvent(windows[0]!), { amount: 12_500 });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.dispatched).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('[ipc] refused sales.charge')]);
  });

  it('refuses a call from a window that has been closed', async () => {
    const event = fromWindow(windows[1]!);
    windows[1]!.close();
    const result = await fake.ipcMain.invoke(ipcChannelFor('sales.list'), event, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('turns a throwing dispatch into an internal error without the thrown message', async () => {
    core.dispatch = async () => {
      throw new Error('sk_live_secret leaked in a stack');
    };
    const result = await fake.ipcMain.invoke(ipcChannelFor('sales.list'), fromWindow(windows[0]!), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('sk_live');
    expect(warnings.join('\n')).not.toContain('sk_live_secret');
  });

  it('forwards core events to every live window on the event channel', () => {
    const event = { type: 'sale.updated', data: sampleSale() } as const;
    windows[1]!.close();
    core.emit(event);
    expect(windows[0]!.webContents.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, args: [event] }]);
    expect(windows[1]!.webContents.sent).toEqual([]);
  });

  it('unbinding removes the handlers and stops forwarding', () => {
    unbind();
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(core.listenerCount).toBe(0);
    core.emit({ type: 'sale.updated', data: sampleSale() });
    expect(windows[0]!.webContents.sent).toEqual([]);
  });
});

describe('the customer display window', () => {
  let customer: fake.BrowserWindow;
  let cashier: fake.BrowserWindow;
  beforeEach(() => {
    unbind();
    cashier = new fake.BrowserWindow();
    customer = new fake.BrowserWindow();
    windows = [cashier, customer];
    unbind = bindIpc({ core, windows: () => windows as never, customerWindows: () => [customer] as never });
  });
  const fromCustomer = () => fromWindow(customer, 'app://pos/customer/index.html');

  it("may call only the contract's display operations; everything else is refused without dispatching", async () => {
    const display = POS_OPERATION_NAMES.filter((op) => posOperationAccess[op] === 'display');
    expect(display.sort()).toEqual(['app.info', 'sales.current']);
    const outcomes: Record<string, string> = {};
    for (const op of POS_OPERATION_NAMES) {
      core.dispatched.length = 0;
      const result = (await fake.ipcMain.invoke(ipcChannelFor(op), fromCustomer(), {})) as { ok: boolean; error?: { code: string } };
      outcomes[op] = `${result.ok ? 'ok' : result.error?.code}, dispatched ${core.dispatched.length}`;
    }
    expect(outcomes).toEqual(Object.fromEntries(POS_OPERATION_NAMES.map((op) => [op, display.includes(op) ? 'ok, dispatched 1' : 'forbidden, dispatched 0'])));
    // The cashier's window keeps the whole API.
    expect(await fake.ipcMain.invoke(ipcChannelFor('sales.charge'), fromWindow(cashier), { amount: 5_000 })).toMatchObject({ ok: true });
  });

  it("gets the current sale as the customer sees it: no cashier, order reference or Stripe ids", async () => {
    const sale = sampleSale({ cashier: 'Nok', orderRef: 'T-12', flagged: true, flagReason: 'paid after cancel', paymentIntentId: 'pi_secret' });
    core.dispatch = async () => ({ ok: true, value: sale });
    const toCustomer = (await fake.ipcMain.invoke(ipcChannelFor('sales.current'), fromCustomer(), {})) as { ok: true; value: typeof sale };
    expect(toCustomer.value).toMatchObject({ id: sale.id, amount: sale.amount, qrData: sale.qrData, cashier: null, orderRef: null, paymentIntentId: null, flagged: false, flagReason: null });
    const toCashier = (await fake.ipcMain.invoke(ipcChannelFor('sales.current'), fromWindow(cashier), {})) as { ok: true; value: typeof sale };
    expect(toCashier.value).toEqual(sale);
  });

  it('receives only sale.updated for the current sale, stripped; the cashier gets every event whole', () => {
    const current = sampleSale({ id: 'sale_CURRENT00001', createdAt: 2_000, cashier: 'Nok', orderRef: 'T-1' });
    const older = sampleSale({ id: 'sale_OLDER0000001', createdAt: 1_000, status: 'succeeded', flagged: true });
    const refund = { type: 'refund.updated', data: { id: 'rfd_x', email: 'customer@example.com' } } as never;
    const exportProgress = { type: 'export.progress', data: { id: 'exp_x' } } as never;
    core.emit({ type: 'sale.updated', data: current });
    core.emit({ type: 'sale.updated', data: older });
    core.emit(refund);
    core.emit(exportProgress);
    const newer = sampleSale({ id: 'sale_NEWER0000001', createdAt: 3_000 });
    core.emit({ type: 'sale.updated', data: newer });
    const shown = customer.webContents.sent.map((message) => message.args[0] as { type: string; data: { id: string; cashier: string | null; orderRef: string | null } });
    expect(shown.map((event) => `${event.type} ${event.data.id}`)).toEqual(['sale.updated sale_CURRENT00001', 'sale.updated sale_NEWER0000001']);
    expect(shown[0]!.data).toMatchObject({ cashier: null, orderRef: null });
    expect(cashier.webContents.sent).toHaveLength(5);
  });
});

