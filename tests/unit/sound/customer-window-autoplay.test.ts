import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';

vi.mock('electron', () => import('../../fakes/electron'));

const { createCashierWindow, createCustomerWindow } = await import('../../../electron/app/windows');

beforeEach(() => fake.resetFakeElectron());

describe('sound in the desktop windows', () => {
  it('lets the customer display play the paid sound without being touched, still sandboxed; the till keeps the browser default', () => {
    const customer = createCustomerWindow('/app/preload.cjs') as unknown as fake.BrowserWindow;
    expect(customer.options.webPreferences).toMatchObject({ autoplayPolicy: 'no-user-gesture-required', sandbox: true, contextIsolation: true, nodeIntegration: false });
    const cashier = createCashierWindow('/app/preload.cjs') as unknown as fake.BrowserWindow;
    expect(cashier.options.webPreferences?.autoplayPolicy).toBeUndefined();
  });
});
