// Pairing a tablet as the customer display, end to end: the real core behind the real HTTP server
// bound to 0.0.0.0, the tablet played by requests from this machine's LAN address with its own
// cookie jar, the till by loopback requests of a signed-in owner. Skipped only when the machine has
// no LAN address at all.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_WRONG_PAIRING_CODES, PAIRING_CODE_TTL_MS } from '../../../electron/core/displays/display-pairing';
import type { AuditEntryView, DisplayPairingCode, PairedDisplay } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { callPos, rawRequest, startTestTill, type TestTill } from '../http/http-test-till';
import { LanDisplay, nonLoopbackIPv4 } from '../http/lan-display';
import { openEventStream } from '../http/sse-reader';

const address = nonLoopbackIPv4();

async function newCode(till: TestTill): Promise<string> {
  const { body } = await callPos<DisplayPairingCode>(till, 'displays.pairingCode', {});
  expect(body.ok).toBe(true);
  return body.value.code;
}

/** A code guaranteed not to be `code` (a wrong guess). */
function otherThan(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

async function auditActions(till: TestTill): Promise<string[]> {
  const { body } = await callPos<AuditEntryView[]>(till, 'audit.list', { limit: 200 });
  return body.value.map((entry) => entry.action);
}

describe.skipIf(address === null)('pairing a customer display', () => {
  let till: TestTill;
  beforeAll(async () => {
    till = await startTestTill({ host: '0.0.0.0' });
  });
  afterAll(async () => {
    await till?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses the feed to an unpaired tablet with unauthorized and a message that says how to pair', async () => {
    const tablet = LanDisplay.of(till, address!);
    for (const op of ['sales.current', 'app.info']) {
      const { status, body } = await tablet.post(op, {});
      expect(status, op).toBe(401);
      expect(body.error.code).toBe('unauthorized');
      expect(body.error.message).toMatch(/not paired.*Pair a customer display.*6-digit code/);
    }
    const stream = await tablet.events();
    expect(stream.response.status).toBe(401);
    stream.close();
    const raw = await rawRequest(tablet.base, { path: '/api/pos/events', headers: { cookie: tablet.cookie! } });
    expect(raw.status).toBe(401);
    expect(JSON.parse(raw.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('pairs a tablet with the right code, which then gets the feed, still stripped to what the customer sees', async () => {
    const tablet = LanDisplay.of(till, address!);
    const paired = await tablet.pairWith(till);
    expect(paired.status).toBe(200);
    expect(paired.body.value.name).toMatch(/^Display \d+$/);

    const stream = await tablet.events();
    try {
      expect(stream.response.status).toBe(200);
      const charged = await callPos(till, 'sales.charge', { amount: 3100, description: 'Mango sticky rice', orderRef: 'ORDER-5151' });
      const seen = JSON.parse((await stream.next((e) => e.event === 'sale.updated' && JSON.parse(e.data).status === 'awaiting_payment')).data) as Sale;
      expect(seen).toMatchObject({ id: charged.body.value.id, amount: 3100, cashier: null, orderRef: null, paymentIntentId: null });
      const current = await tablet.post<Sale>('sales.current', {});
      expect(current.status).toBe(200);
      expect(current.body.value).toMatchObject({ id: charged.body.value.id, cashier: null, orderRef: null });
      expect((await tablet.post('app.info', {})).status).toBe(200);
      await callPos(till, 'sales.cancel', { saleId: charged.body.value.id });
    } finally {
      stream.close();
    }
  });

  it('remembers the display by a hash of its cookie, never the cookie itself', async () => {
    const tablet = LanDisplay.of(till, address!);
    expect((await tablet.pairWith(till)).status).toBe(200);
    const clientId = tablet.cookie!.split('=')[1];
    const db = new Database(path.join(till.dataDir, 'ledger.sqlite3'), { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM paired_displays').all() as Record<string, unknown>[];
      expect(rows.length).toBeGreaterThan(0);
      const dump = JSON.stringify(rows);
      expect(dump).not.toContain(clientId);
      for (const row of rows) expect(row.client_key_hash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      db.close();
    }
  });

  it('refuses a code that was already used, and a code replaced by a newer one', async () => {
    const first = LanDisplay.of(till, address!);
    await first.post('app.info', {});
    const code = await newCode(till);
    expect((await first.post('displays.pair', { code })).status).toBe(200);

    const second = LanDisplay.of(till, address!);
    const reused = await second.post('displays.pair', { code });
    expect(reused.status).toBe(401);
    expect(reused.body.error.message).toMatch(/already used/);
    expect((await second.post('sales.current', {})).status).toBe(401);

    const replaced = await newCode(till);
    await newCode(till);
    const stale = await second.post('displays.pair', { code: replaced });
    expect(stale.status).toBe(401);
    expect(stale.body.error.message).toMatch(/expired/);
  });

  it('refuses a code after its five minutes are up', async () => {
    const tablet = LanDisplay.of(till, address!);
    await tablet.post('app.info', {});
    const { body } = await callPos<DisplayPairingCode>(till, 'displays.pairingCode', {});
    expect(body.value.expiresAt - Date.now()).toBeGreaterThan(PAIRING_CODE_TTL_MS - 5_000);
    expect(body.value.expiresAt - Date.now()).toBeLessThanOrEqual(PAIRING_CODE_TTL_MS);
    vi.useFakeTimers({ toFake: ['Date'], now: body.value.expiresAt + 1 });
    const late = await tablet.post('displays.pair', { code: body.value.code });
    vi.useRealTimers();
    expect(late.status).toBe(401);
    expect(late.body.error.message).toMatch(/expired/);
    expect((await tablet.post('sales.current', {})).status).toBe(401);
  });

  it('lets a manager list paired displays and unpair one, whose open feed ends and which is refused again', async () => {
    const tablet = LanDisplay.of(till, address!);
    const { body: paired } = await tablet.pairWith(till);
    const stream = await tablet.events();
    expect(stream.response.status).toBe(200);

    const listed = await callPos<PairedDisplay[]>(till, 'displays.list', {});
    const mine = listed.body.value.find((display) => display.name === paired.value.name)!;
    expect(mine).toMatchObject({ displayId: expect.stringMatching(/^dsp_/), pairedBy: 'Owner Somchai' });
    expect(mine.lastSeen).toBeGreaterThanOrEqual(mine.pairedAt);

    const after = await callPos<PairedDisplay[]>(till, 'displays.unpair', { displayId: mine.displayId });
    expect(after.body.value.map((display) => display.displayId)).not.toContain(mine.displayId);
    await expect(stream.next(() => false, 3_000)).rejects.toThrow(/ended/);
    expect((await tablet.post('sales.current', {})).status).toBe(401);
    expect((await tablet.events()).response.status).toBe(401);
    expect((await callPos(till, 'displays.unpair', { displayId: mine.displayId })).body.error.code).toBe('not_found');

    const actions = await auditActions(till);
    for (const action of ['display.pairing_code', 'display.pair', 'display.pair_failed', 'display.unpair']) expect(actions, action).toContain(action);
  });

  it('gives a pairing code to a signed-in cashier on the till but never to a display or a signed-out client', async () => {
    const tablet = LanDisplay.of(till, address!);
    expect((await tablet.pairWith(till)).status).toBe(200);
    const fromDisplay = await tablet.post('displays.pairingCode', {});
    expect(fromDisplay.status).toBe(403);
    expect(fromDisplay.body.error.code).toBe('forbidden');
    for (const op of ['displays.list', 'sales.list']) expect((await tablet.post(op, {})).status, op).toBe(403);

    const signedOut: TestTill = { ...till, cookie: null };
    expect((await callPos(signedOut, 'displays.pairingCode', {})).body.error.code).toBe('unauthorized');

    // A plain cashier may show a code; only a manager sees and unpairs displays.
    const created = await callPos<{ cashierId: string }>(till, 'cashiers.create', { name: 'Cashier Nok', pin: '135790', role: 'cashier' });
    const cashier: TestTill = { ...till, cookie: null };
    expect((await callPos(cashier, 'auth.signIn', { cashierId: created.body.value.cashierId, pin: '135790' })).body.ok).toBe(true);
    expect((await callPos<DisplayPairingCode>(cashier, 'displays.pairingCode', {})).body.value.code).toMatch(/^\d{6}$/);
    expect((await callPos(cashier, 'displays.list', {})).body.error.code).toBe('forbidden');
  });

  it('leaves the till itself (loopback) unpaired and unaffected', async () => {
    const local: TestTill = { ...till, cookie: null };
    expect((await callPos(local, 'sales.current', {})).status).toBe(200);
    expect((await callPos(local, 'app.info', {})).status).toBe(200);
    const stream = await openEventStream(`${till.url}/api/pos/events`);
    expect(stream.response.status).toBe(200);
    stream.close();
    const code = await newCode(till);
    const pairLocal = await callPos(local, 'displays.pair', { code });
    expect(pairLocal.body.error.code).toBe('conflict');
  });
});

describe.skipIf(address === null)('wrong pairing codes', () => {
  let till: TestTill;
  beforeAll(async () => {
    till = await startTestTill({ host: '0.0.0.0' });
  });
  afterAll(async () => {
    await till?.close();
  });

  it('are refused, audited in aggregate, and lock out the address, even with fresh cookies and then the right code', async () => {
    const code = await newCode(till);
    const before = (await auditActions(till)).length;
    for (let i = 1; i < MAX_WRONG_PAIRING_CODES; i += 1) {
      const tablet = LanDisplay.of(till, address!); // a fresh cookie each time buys nothing
      const { status, body } = await tablet.post('displays.pair', { code: otherThan(code) });
      expect(status).toBe(401);
      expect(body.error).toMatchObject({ code: 'unauthorized', field: 'code' });
      expect(body.error.message).toMatch(/not right/);
    }
    const tablet = LanDisplay.of(till, address!);
    const locking = await tablet.post('displays.pair', { code: otherThan(code) });
    expect(locking.status).toBe(429);
    expect(locking.body.error.message).toMatch(/Too many wrong codes.*Try again at \d\d:\d\d/);

    const right = await tablet.post('displays.pair', { code });
    expect(right.status).toBe(429);
    expect((await tablet.post('sales.current', {})).status).toBe(401);
    // Hammering on while locked writes nothing and counts nothing.
    for (let i = 0; i < 3 * MAX_WRONG_PAIRING_CODES; i += 1) {
      expect((await LanDisplay.of(till, address!).post('displays.pair', { code: otherThan(code) })).status).toBe(429);
    }

    const actions = (await auditActions(till)).slice(0, -before || undefined);
    // One row for the streak's first failure, one for the lock (with the count): never one per attempt.
    expect(actions.filter((action) => action === 'display.pair_failed')).toHaveLength(1);
    expect(actions.filter((action) => action === 'display.pair_locked')).toHaveLength(1);
    expect(actions.filter((action) => /^display\.pair(_|$)/.test(action))).toHaveLength(2);
    expect(actions).not.toContain('display.pair');
    expect(actions).not.toContain('display.pairing_code_burned');
    const { body } = await callPos<AuditEntryView[]>(till, 'audit.list', { limit: 50 });
    expect(body.value.find((entry) => entry.action === 'display.pair_locked')?.detail).toMatchObject({ failures: MAX_WRONG_PAIRING_CODES });

    // The code was not burned for everyone: a display at another address still pairs with it (here
    // one that reaches the till through a proxy: off the till, its own address).
    const elsewhere = await rawRequest(till.url, {
      method: 'POST',
      path: '/api/pos/displays.pair',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.44' },
      body: JSON.stringify({ code }),
    });
    expect(elsewhere.status).toBe(200);
    // The till itself is not locked out: its cashier still gets codes.
    expect((await callPos<DisplayPairingCode>(till, 'displays.pairingCode', {})).body.ok).toBe(true);
  });

  it('refuses malformed codes as invalid input without counting them', async () => {
    const other = await startTestTill({ host: '0.0.0.0' });
    try {
      const tablet = LanDisplay.of(other, address!);
      for (const code of ['12345', '1234567', 'abcdef']) {
        const { status, body } = await tablet.post('displays.pair', { code });
        expect(status, code).toBe(400);
        expect(body.error.code).toBe('invalid_input');
      }
      expect((await tablet.pairWith(other)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
