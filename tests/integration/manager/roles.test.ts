// Who may do what on the manager's side, tried by the people who would really try it: a cashier raised
// for five minutes by a manager's PIN, a manager who is not the owner, a cashier with no PIN but theirs.
// Every refusal is clear and changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import type { AuthStatus, BackupInfo, Cashier, ShopSettings } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { call, OWNER_PIN, signedInContext, tempDataDir, useTestCores } from '../../support/core-harness';

// Each PIN typed or set costs a 128 MiB scrypt (OWASP's cost): several in one test take seconds on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

const core = useTestCores();
const client = (key: string): CallContext => ({ transport: 'http', clientKey: key });
const MANAGER_PIN = '5555';
const CASHIER_PIN = '4321';

interface Shop {
  pos: PosCore;
  owner: CallContext;
  manager: Cashier;
  cashier: Cashier;
  /** The manager, signed in with their own PIN. */
  managerSession: CallContext;
  /** The cashier, raised to manager by the manager's PIN (what a cashier who watched the PIN has). */
  elevated: CallContext;
  /** The cashier, signed in with their own PIN only. */
  cashierSession: CallContext;
}

async function shop(): Promise<Shop> {
  const pos = await core();
  const owner = await signedInContext(pos);
  const manager = await call<Cashier>(pos, 'cashiers.create', { name: 'Manager Mali', pin: MANAGER_PIN, role: 'manager' }, owner);
  const cashier = await call<Cashier>(pos, 'cashiers.create', { name: 'Cashier Nok', pin: CASHIER_PIN, role: 'cashier' }, owner);
  const managerSession = client('http:manager');
  await call(pos, 'auth.signIn', { cashierId: manager.cashierId, pin: MANAGER_PIN }, managerSession);
  const elevated = client('http:elevated');
  await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: CASHIER_PIN }, elevated);
  expect((await call<AuthStatus>(pos, 'auth.elevate', { pin: MANAGER_PIN }, elevated)).effectiveRole).toBe('manager');
  const cashierSession = client('http:cashier');
  await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: CASHIER_PIN }, cashierSession);
  return { pos, owner, manager, cashier, managerSession, elevated, cashierSession };
}

async function people(pos: PosCore): Promise<string> {
  const list = await call<Cashier[]>(pos, 'cashiers.list', {}, await signedInContext(pos));
  return JSON.stringify(list.map(({ name, role, active }) => ({ name, role, active })));
}

async function ownerId(pos: PosCore): Promise<string> {
  return (await call<AuthStatus>(pos, 'auth.status', {}, await signedInContext(pos))).user!.cashierId;
}

describe('a five-minute elevation does not become a lasting role', () => {
  it('an elevated cashier cannot create or promote managers, change a manager, or touch the owner', async () => {
    const { pos, manager, cashier, elevated } = await shop();
    const before = await people(pos);
    const owner = await ownerId(pos);
    const attempts: [string, unknown, RegExp][] = [
      ['cashiers.create', { name: 'Ghost', pin: '1111', role: 'manager' }, /Only a manager signed in with their own PIN/],
      ['cashiers.update', { cashierId: cashier.cashierId, role: 'manager' }, /Only a manager signed in with their own PIN/],
      ['cashiers.update', { cashierId: manager.cashierId, pin: '9999' }, /Only a manager signed in with their own PIN/],
      ['cashiers.update', { cashierId: manager.cashierId, active: false }, /Only a manager signed in with their own PIN/],
      ['cashiers.update', { cashierId: manager.cashierId, role: 'cashier' }, /Only a manager signed in with their own PIN/],
      ['cashiers.update', { cashierId: owner, pin: '9999' }, /Only the owner can change the owner's/],
    ];
    for (const [op, input, message] of attempts) {
      const result = await pos.dispatch(op, input, elevated);
      expect(result, `${op} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(message) } });
    }
    expect(await people(pos)).toBe(before);
    // The manager's PIN still works: nothing was changed behind their back.
    expect((await call<AuthStatus>(pos, 'auth.signIn', { cashierId: manager.cashierId, pin: MANAGER_PIN }, client('http:again'))).user?.name).toBe('Manager Mali');
  });

  it('an elevated cashier may still do what the elevation is for: add a cashier and reset a cashier PIN', async () => {
    const { pos, cashier, elevated } = await shop();
    const added = await call<Cashier>(pos, 'cashiers.create', { name: 'Cashier Ploy', pin: '2222', role: 'cashier' }, elevated);
    expect(added.role).toBe('cashier');
    await call(pos, 'cashiers.update', { cashierId: cashier.cashierId, pin: '8642' }, elevated);
    expect((await call<AuthStatus>(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '8642' }, client('http:new'))).user?.name).toBe('Cashier Nok');
  });

  it("a manager signed in themselves may make managers, but changes neither another manager (PIN, role, active, name) nor anything of the owner's", async () => {
    const { pos, cashier, managerSession, owner: ownerSession } = await shop();
    const other = await call<Cashier>(pos, 'cashiers.create', { name: 'Manager Dao', pin: '7777', role: 'manager' }, managerSession);
    await call(pos, 'cashiers.update', { cashierId: cashier.cashierId, role: 'manager' }, managerSession);
    for (const change of [{ pin: '1212' }, { active: false }, { role: 'cashier' }, { name: 'Renamed' }]) {
      expect(await pos.dispatch('cashiers.update', { cashierId: other.cashierId, ...change }, managerSession), JSON.stringify(change)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: "Only the owner or that manager can change a manager's PIN, role or name." },
      });
    }
    // Their own PIN is theirs to change.
    await call(pos, 'cashiers.update', { cashierId: other.cashierId, pin: '7878' }, await (async () => {
      const dao = client('http:dao-self');
      await call(pos, 'auth.signIn', { cashierId: other.cashierId, pin: '7777' }, dao);
      return dao;
    })());
    const owner = await ownerId(pos);
    for (const change of [{ pin: '1212' }, { name: 'Not the owner' }]) {
      expect(await pos.dispatch('cashiers.update', { cashierId: owner, ...change }, managerSession)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await call<AuthStatus>(pos, 'auth.signIn', { cashierId: owner, pin: OWNER_PIN }, client('http:owner-again'))).user?.name).toBe('Owner Somchai');
    // The owner may reset a manager's PIN; that manager's sessions end with it.
    const dao = client('http:dao');
    await call(pos, 'auth.signIn', { cashierId: other.cashierId, pin: '7878' }, dao);
    await call(pos, 'cashiers.update', { cashierId: other.cashierId, pin: '1212' }, ownerSession);
    expect((await call<AuthStatus>(pos, 'auth.status', {}, dao)).user).toBeNull();
  });
});

describe('owner-only: restore and where backups live', () => {
  it('refuses restore, backup folder changes and backups to another folder to anyone but the owner', async () => {
    const { pos, owner, managerSession, elevated } = await shop();
    const backup = await call<BackupInfo>(pos, 'backup.run', {}, owner);
    const before = await call<ShopSettings>(pos, 'settings.get', {}, owner);
    const elsewhere = path.join(tempDataDir(), 'usb');
    for (const who of [managerSession, elevated]) {
      expect(await pos.dispatch('backup.restore', { file: backup.file }, who)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: 'Only the owner can do this (backup.restore). Ask the owner to sign in with their own PIN.' },
      });
      expect(await pos.dispatch('settings.update', { backupFolder: elsewhere }, who)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await pos.dispatch('backup.run', { folder: elsewhere }, who)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(fs.existsSync(elsewhere)).toBe(false);
    expect(await call<ShopSettings>(pos, 'settings.get', {}, owner)).toEqual(before);
    // A manager still runs backups to the chosen folder and changes other settings.
    expect((await call<BackupInfo>(pos, 'backup.run', {}, managerSession)).integrity).toBe('ok');
    expect((await call<ShopSettings>(pos, 'settings.update', { shopName: 'Mali Shop' }, managerSession)).shopName).toBe('Mali Shop');
    expect((await call<BackupInfo>(pos, 'backup.restore', { file: backup.file }, owner)).integrity).toBe('ok');
  });
});

describe('what a cashier sees', () => {
  it("sees the till's recent sales, but not history search, sale details or refunds (customers' emails)", async () => {
    const { pos, cashierSession, elevated } = await shop();
    const sale = await call<Sale>(pos, 'sales.charge', { amount: 5_000, email: 'customer@example.com' }, cashierSession);
    expect((await call<Sale[]>(pos, 'sales.list', {}, cashierSession)).map((s) => s.id)).toEqual([sale.id]);
    expect((await call<Sale>(pos, 'sales.get', { saleId: sale.id }, cashierSession)).id).toBe(sale.id);
    expect((await call<Sale | null>(pos, 'sales.current', {}, cashierSession))?.id).toBe(sale.id);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(Date.now());
    const refused: [string, unknown][] = [
      ['sales.search', { from: today, to: today }],
      ['sales.detail', { saleId: sale.id }],
      ['refunds.get', { refundId: 'rfd_abcdefgh12' }],
    ];
    for (const [op, input] of refused) {
      expect(await pos.dispatch(op, input, cashierSession), op).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: `Only a manager can do this (${op}). Ask a manager to enter their PIN.` },
      });
    }
    // Raised by a manager's PIN, the same cashier may look for five minutes.
    expect((await pos.dispatch('sales.search', { from: today, to: today }, elevated)).ok).toBe(true);
    expect((await pos.dispatch('sales.detail', { saleId: sale.id }, elevated)).ok).toBe(true);
  });
});
