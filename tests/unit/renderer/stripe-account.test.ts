// The Stripe account on screen: header words, the account-change banner's sides, and approving a
// change with a manager's PIN (stripe.approveChange) without ever signing the till out for a wrong PIN.
import { DEFAULT_SOUND } from '../../../shared/receipt';
import { describe, expect, it } from 'vitest';
import type { AppInfo, StripeInfo } from '../../../shared/pos-contract';
import { translate } from '../../../shared/i18n/translate';
import { accountRef, accountText, stripeStatusOf } from '../../../renderer/state/stripe-account';
import { createStripeApprovalStore } from '../../../renderer/state/stripe-approval-store';
import { createFakeTransport } from './fake-transport';

const stripe: StripeInfo = {
  mode: 'live',
  account: 'acct_1NEW',
  accountName: 'Baan Kafe Co.',
  pendingChange: { fromMode: 'test', fromAccount: 'acct_1OLD', toMode: 'live', toAccount: 'acct_1NEW' },
  missingPermissions: [],
};
const info: AppInfo = { demo: false, shopName: 'Baan Kafe', tillId: 'till-1', qrTimeoutSeconds: 600, timeZone: 'Asia/Bangkok', version: '0.1.0', mode: 'live', stripe, promptPayReady: false, dayStartHour: 0, sound: DEFAULT_SOUND, autoPrintReceipt: 'ask' };

describe('Stripe account on screen', () => {
  it('names the account by name and id, or id alone', () => {
    expect(accountText(stripe)).toBe('Baan Kafe Co. · acct_1NEW');
    expect(accountText({ account: 'acct_1X', accountName: null })).toBe('acct_1X');
    expect(accountText({ account: null, accountName: null })).toBeNull();
  });

  it('says both sides of a change in either language', () => {
    const en = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) => translate('en', key, vars);
    const th = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) => translate('th', key, vars);
    const from = accountRef('test', 'acct_1OLD', en);
    const to = accountRef('live', 'acct_1NEW', en);
    expect(en('stripe.pendingChange', { from, to })).toBe(
      'Stripe account changed from Stripe test acct_1OLD to Stripe live acct_1NEW: charges are paused until a manager approves.',
    );
    expect(accountRef('demo', null, th)).toBe('สาธิต (ไม่มีบัญชี)');
  });

  it('reads the stripe block of app.info', () => {
    expect(stripeStatusOf(info)).toEqual(stripe);
    expect(stripeStatusOf(null)).toBeNull();
  });
});

describe('approving a changed Stripe account', () => {
  function setup() {
    const transport = createFakeTransport();
    const approved: AppInfo[] = [];
    let lost = 0;
    const store = createStripeApprovalStore({ transport, onApproved: (next) => approved.push(next), onSessionLost: () => (lost += 1) });
    return { transport, store, approved, lost: () => lost };
  }
  const type = (store: ReturnType<typeof setup>['store'], pin: string) => {
    for (const digit of pin) store.getState().press(digit as '1');
  };

  it('sends the manager PIN once, closes, and hands the till its new state', async () => {
    const { transport, store, approved } = setup();
    const after: AppInfo = { ...info, stripe: { ...stripe, pendingChange: null } };
    transport.handle('stripe.approveChange', () => ({ ok: true, value: after }));
    store.getState().openDialog();
    type(store, '2468');
    await Promise.all([store.getState().submit(), store.getState().submit()]);
    expect(transport.calls).toEqual([{ op: 'stripe.approveChange', input: { pin: '2468' } }]);
    expect(store.getState()).toMatchObject({ open: false, pin: '', busy: false, error: null });
    expect(approved).toEqual([after]);
  });

  it('a short PIN makes no call; a wrong one says so, clears the PIN and keeps the till signed in', async () => {
    const { transport, store, approved, lost } = setup();
    transport.handle('stripe.approveChange', () => ({ ok: false, error: { code: 'unauthorized', message: 'Wrong PIN', field: 'pin' } }));
    store.getState().openDialog();
    type(store, '12');
    await store.getState().submit();
    expect(transport.calls).toHaveLength(0);
    expect(store.getState().error?.key).toBe('auth.pinLength');
    type(store, '34');
    await store.getState().submit();
    expect(store.getState()).toMatchObject({ open: true, pin: '', busy: false });
    expect(store.getState().error?.key).toBe('auth.error.wrongPin');
    expect(approved).toEqual([]);
    expect(lost()).toBe(0);
  });

  it('a lost session goes back to sign-in', async () => {
    const { transport, store, lost } = setup();
    transport.handle('stripe.approveChange', () => ({ ok: false, error: { code: 'unauthorized', message: 'Sign in first' } }));
    store.getState().openDialog();
    type(store, '2468');
    await store.getState().submit();
    expect(store.getState().open).toBe(false);
    expect(lost()).toBe(1);
  });
});
