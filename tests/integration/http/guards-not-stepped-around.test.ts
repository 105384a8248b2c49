// The guards cannot be stepped around. Each attacker has only what they would really have: a page in
// another tab (reaches 127.0.0.1 with no credentials and a foreign Origin), a reverse proxy that relays
// internet clients from loopback (with its usual headers), a device on the LAN, a cookie someone
// planted before the cashier signed in.
import net from 'node:net';
import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allowedHostnames } from '../../../electron/core/http/request-guards';
import { MAX_STREAMS_PER_CLIENT } from '../../../electron/core/http/pos-event-stream';
import type { AuthStatus } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { callPos, rawRequest, startTestTill, TEST_API_TOKEN, type TestTill } from './http-test-till';
import { openEventStream, type EventStreamReader } from './sse-reader';
import { nonLoopbackIPv4 } from '../../support/lan-address';

let till: TestTill;
beforeAll(async () => {
  till = await startTestTill();
});
afterAll(async () => {
  await till?.close();
});

const extra: TestTill[] = [];
afterEach(async () => {
  await Promise.all(extra.splice(0).map((t) => t.close()));
});
async function freshTill(options: Parameters<typeof startTestTill>[0] = {}): Promise<TestTill> {
  const started = await startTestTill(options);
  extra.push(started);
  return started;
}

function post(target: TestTill, path: string, body: unknown, headers: Record<string, string> = {}) {
  return rawRequest(target.url, { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function authStatus(target: TestTill, cookie: string | null): Promise<AuthStatus> {
  const response = await post(target, '/api/pos/auth.status', {}, cookie ? { cookie } : {});
  return (JSON.parse(response.body) as { value: AuthStatus }).value;
}

async function saleCount(target: TestTill): Promise<number> {
  return (await callPos<Sale[]>(target, 'sales.list', { limit: 500 })).body.value.length;
}

describe('percent-encoded paths reach the same guards as the route they match', () => {
  it('a foreign Origin is refused on /%61pi/pos/… as on /api/pos/… (the session survives)', async () => {
    for (const path of ['/%61pi/pos/auth.signOut', '/api/p%6fs/auth.signOut', '/api/pos/auth%2EsignOut']) {
      const response = await post(till, path, {}, { origin: 'http://127.0.0.1:8080', cookie: till.cookie! });
      expect(response.status, path).toBe(403);
      expect(JSON.parse(response.body), path).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await authStatus(till, till.cookie)).user).not.toBeNull();
  });

  it('an encoded path spends the same rate-limit bucket as the plain one', async () => {
    const limited = await freshTill({ rateLimit: { pos: { max: 5, windowMs: 60_000 } }, signedIn: false });
    for (let i = 0; i < 5; i++) expect((await post(limited, i % 2 ? '/%61pi/pos/app.info' : '/api/p%6fs/app.info', {})).status).toBe(200);
    expect((await post(limited, '/api/pos/app.info', {})).status).toBe(429);
    expect((await post(limited, '/%61pi/pos/app.info', {})).status).toBe(429);
  });

  const address = nonLoopbackIPv4();
  it.skipIf(address === null)('a LAN device is refused /p%61yments/… even with the right token', async () => {
    const lan = await freshTill({ host: '0.0.0.0' });
    const base = `http://${address}:${lan.server.port}`;
    for (const path of ['/payments/pi_doesnotexist', '/p%61yments/pi_doesnotexist', '/%70ayments/intents', '/rep%6frts/daily?date=2026-01-01']) {
      const response = await rawRequest(base, { path, headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });
      expect(response.status, path).toBe(403);
    }
  });
});

describe('a reverse proxy on the till relays internet clients from loopback', () => {
  const proxyHeaders: Record<string, string>[] = [
    { 'x-forwarded-for': '203.0.113.9' },
    { forwarded: 'for=203.0.113.9;proto=https' },
    { via: '1.1 caddy' },
    { 'x-real-ip': '203.0.113.9' },
    { 'x-forwarded-proto': 'https' },
  ];

  it('cannot claim the first-run owner setup', async () => {
    const fresh = await freshTill({ signedIn: false });
    for (const headers of proxyHeaders) {
      const response = await post(fresh, '/api/pos/auth.setupOwner', { name: 'Mallory', pin: '1234' }, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await authStatus(fresh, null)).toMatchObject({ setupRequired: true, user: null });
  });

  it('gets none of the operator surface: no names, no sign-in, no charge, no reports, no simulator, no feed', async () => {
    const before = await saleCount(till);
    for (const headers of proxyHeaders) {
      const label = JSON.stringify(headers);
      expect((await post(till, '/api/pos/cashiers.directory', {}, headers)).status, label).toBe(403);
      expect((await post(till, '/api/pos/auth.signIn', { cashierId: 'csh_abcdef', pin: '1234' }, headers)).status, label).toBe(403);
      // Even with the cashier's own cookie (a proxy passes cookies on): the session is the till's only.
      expect((await post(till, '/api/pos/sales.charge', { amount: 5000 }, { ...headers, cookie: till.cookie! })).status, label).toBe(403);
      expect((await rawRequest(till.url, { path: '/reports/daily?date=2026-01-01', headers: { ...headers, authorization: `Bearer ${TEST_API_TOKEN}` } })).status, label).toBe(403);
      expect((await post(till, '/_sim/stats/reset', {}, headers)).status, label).toBe(403);
      const stream = await openEventStream(`${till.url}/api/pos/events`, { headers: { ...headers, cookie: till.cookie! } });
      expect(stream.response.status, label).toBe(401);
      stream.close();
    }
    expect(await saleCount(till)).toBe(before);
  });

  it('still delivers Stripe webhooks (the one route to proxy), which their signature authenticates', async () => {
    const response = await post(till, '/payments/webhook', {}, { 'x-forwarded-for': '3.18.12.63', 'stripe-signature': 't=1,v1=00' });
    expect([400, 503]).toContain(response.status);
  });
});

describe('the event stream', () => {
  const streams: EventStreamReader[] = [];
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });

  it('gives a client without a session only the customer feed, and the signed-in screen everything', async () => {
    const anonymous = await openEventStream(`${till.url}/api/pos/events`);
    const cashier = await openEventStream(`${till.url}/api/pos/events`, { headers: { cookie: till.cookie! } });
    streams.push(anonymous, cashier);
    expect(anonymous.response.status).toBe(200);

    const charged = await callPos(till, 'sales.charge', { amount: 4300, orderRef: 'ORDER-5150', email: 'customer@example.com' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(Date.now());
    expect((await callPos(till, 'reports.export', { from: today, to: today, format: 'csv' })).body.ok).toBe(true);
    await cashier.next((e) => e.event === 'export.progress');
    await cashier.next((e) => e.event === 'sale.updated' && (JSON.parse(e.data) as Sale).orderRef === 'ORDER-5150');
    // Events reach every stream in order: once the anonymous stream has the cancel, it has had the rest.
    await callPos(till, 'sales.cancel', { saleId: charged.body.value.id });
    await anonymous.next((e) => e.event === 'sale.updated' && (JSON.parse(e.data) as Sale).status === 'canceled');

    const seen = anonymous.text();
    expect([...seen.matchAll(/^event: (.+)$/gm)].map((m) => m[1]).every((type) => type === 'sale.updated')).toBe(true);
    for (const secret of ['ORDER-5150', 'Owner Somchai', 'customer@example.com', 'export.progress']) expect(seen, secret).not.toContain(secret);
    expect(seen).not.toContain('"paymentIntentId":"pi_');
  });

  it('follows a sign-out at once: the next events are the customer feed only', async () => {
    const target = await freshTill();
    const stream = await openEventStream(`${target.url}/api/pos/events`, { headers: { cookie: target.cookie! } });
    streams.push(stream);
    const first = await callPos(target, 'sales.charge', { amount: 1500, orderRef: 'BEFORE-SIGNOUT' });
    await stream.next((e) => e.event === 'sale.updated' && (JSON.parse(e.data) as Sale).orderRef === 'BEFORE-SIGNOUT');
    await callPos(target, 'sales.cancel', { saleId: first.body.value.id });
    expect((await callPos(target, 'auth.signOut', {})).body.ok).toBe(true);
    // A sale charged by the integration after the sign-out: the stream shows it as a customer display would.
    const created = await fetch(`${target.url}/payments/intents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 2500, metadata: { order: 'AFTER-SIGNOUT' } }),
    });
    const { saleId } = (await created.json()) as { saleId: string };
    const after = JSON.parse((await stream.next((e) => e.event === 'sale.updated' && (JSON.parse(e.data) as Sale).id === saleId)).data) as Sale;
    expect(after).toMatchObject({ id: saleId, paymentIntentId: null, cashier: null, orderRef: null });
  });

  it(`is capped at ${MAX_STREAMS_PER_CLIENT} open streams per client`, async () => {
    for (let i = 0; i < MAX_STREAMS_PER_CLIENT; i++) {
      const stream = await openEventStream(`${till.url}/api/pos/events`, { headers: { cookie: till.cookie! } });
      streams.push(stream);
      expect(stream.response.status).toBe(200);
    }
    const refused = await fetch(`${till.url}/api/pos/events`, { headers: { cookie: till.cookie! } });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });
});

describe('client cookies (session fixation)', () => {
  const cookieOf = (setCookie: string | string[] | undefined) => [setCookie ?? []].flat()[0]?.split(';', 1)[0] ?? null;

  it('never honours an id the server did not issue: a planted one gets a fresh cookie', async () => {
    const planted = `pos_client=${'A'.repeat(43)}`;
    const response = await post(till, '/api/pos/auth.status', {}, { cookie: planted });
    const issued = cookieOf(response.headers['set-cookie']);
    expect(issued).toMatch(/^pos_client=/);
    expect(issued).not.toBe(planted);
    expect(response.headers['set-cookie']?.[0]).toMatch(/HttpOnly/i);
    expect(response.headers['set-cookie']?.[0]).toMatch(/SameSite=Strict/i);
  });

  it('moves the session to a new id at sign-in: the id someone fixed beforehand rides nothing', async () => {
    const target = await freshTill({ signedIn: false });
    // The attacker gets a genuine id from the till and plants it in the cashier's browser.
    const fixed = cookieOf((await post(target, '/api/pos/auth.status', {})).headers['set-cookie'])!;
    const setup = await post(target, '/api/pos/auth.setupOwner', { name: 'Owner Somchai', pin: '246810' }, { cookie: fixed });
    expect(JSON.parse(setup.body).ok).toBe(true);
    const rotated = cookieOf(setup.headers['set-cookie']);
    expect(rotated).toMatch(/^pos_client=/);
    expect(rotated).not.toBe(fixed);

    expect((await authStatus(target, rotated)).user?.name).toBe('Owner Somchai');
    const stale = await post(target, '/api/pos/auth.status', {}, { cookie: fixed });
    expect(JSON.parse(stale.body).value.user).toBeNull();
    // … and no new cookie for it: a request in flight during sign-in must not overwrite the rotated one.
    expect(stale.headers['set-cookie']).toBeUndefined();
    const charge = await post(target, '/api/pos/sales.charge', { amount: 5000 }, { cookie: fixed });
    expect(charge.status).toBe(401);

    // Signing in again rotates again.
    const directory = JSON.parse((await post(target, '/api/pos/cashiers.directory', {}, { cookie: rotated! })).body).value as { cashierId: string }[];
    const signIn = await post(target, '/api/pos/auth.signIn', { cashierId: directory[0].cashierId, pin: '246810' }, { cookie: rotated! });
    const again = cookieOf(signIn.headers['set-cookie']);
    expect(again).not.toBe(rotated);
    expect((await authStatus(target, again)).user?.name).toBe('Owner Somchai');
    expect((await authStatus(target, rotated)).user).toBeNull();
  });
});

describe('client cookies at elevation', () => {
  const cookieOf = (setCookie: string | string[] | undefined) => [setCookie ?? []].flat()[0]?.split(';', 1)[0] ?? null;

  it('moves a cashier\'s session to a new id when a manager\'s PIN raises it', async () => {
    const target = await freshTill();
    const created = await callPos<{ cashierId: string }>(target, 'cashiers.create', { name: 'Cashier Nok', pin: '135790', role: 'cashier' });
    const start = cookieOf((await post(target, '/api/pos/auth.status', {})).headers['set-cookie'])!;
    const signIn = await post(target, '/api/pos/auth.signIn', { cashierId: created.body.value.cashierId, pin: '135790' }, { cookie: start });
    const cashier = cookieOf(signIn.headers['set-cookie'])!;
    const elevate = await post(target, '/api/pos/auth.elevate', { pin: '246810' }, { cookie: cashier });
    expect(JSON.parse(elevate.body).value.effectiveRole).toBe('manager');
    const raised = cookieOf(elevate.headers['set-cookie']);
    expect(raised).toMatch(/^pos_client=/);
    expect(raised).not.toBe(cashier);
    expect((await authStatus(target, raised)).effectiveRole).toBe('manager');
    expect((await authStatus(target, cashier)).user).toBeNull();
  });
});

describe('ordinary clients\' habits', () => {
  it('accepts a bodiless POST sent with Content-Type: application/json (cancel, sign-out)', async () => {
    const created = await fetch(`${till.url}/payments/intents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 5000 }),
    });
    const { paymentIntentId } = (await created.json()) as { paymentIntentId: string };
    const cancel = await rawRequest(till.url, {
      method: 'POST',
      path: `/payments/${paymentIntentId}/cancel`,
      headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': 'application/json', 'content-length': '0' },
      body: '',
    });
    expect(cancel.status).toBe(200);
    expect(JSON.parse(cancel.body)).toMatchObject({ saleStatus: 'canceled' });

    const info = await rawRequest(till.url, { method: 'POST', path: '/api/pos/app.info', headers: { 'content-type': 'application/json' }, body: '' });
    expect(info.status).toBe(200);
  });

  it('still refuses malformed JSON with 400', async () => {
    const response = await rawRequest(till.url, { method: 'POST', path: '/api/pos/app.info', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('timeouts and limits', () => {
  it('rate-limits the unauthenticated webhook route per address', async () => {
    const limited = await freshTill({ rateLimit: { webhook: { max: 3, windowMs: 60_000 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(limited, '/payments/webhook', {}, { 'stripe-signature': 't=1,v1=00' })).status);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(statuses.slice(0, 3).every((status) => status !== 429)).toBe(true);
  });

  it('refuses oversized headers with 431', async () => {
    const response = await rawRequest(till.url, { path: '/api/pos/app.info', headers: { 'x-padding': 'x'.repeat(20 * 1024) } });
    expect(response.status).toBe(431);
  });

  it('closes a connection that trickles its headers (slowloris) once the header timeout passes', async () => {
    const slow = await freshTill({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 300, timeoutCheckIntervalMs: 100 } });
    const socket = net.connect(slow.server.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET /cashier/ HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // never finishes the headers
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(Buffer.concat(received).toString('latin1')).toMatch(/^HTTP\/1\.1 408/);
  });

  it('caps the number of open connections', async () => {
    const capped = await freshTill({ limits: { maxConnections: 2 } });
    const open = [net.connect(capped.server.port, '127.0.0.1'), net.connect(capped.server.port, '127.0.0.1')];
    await Promise.all(open.map((socket) => new Promise<void>((resolve) => socket.once('connect', () => resolve()))));
    const third = net.connect(capped.server.port, '127.0.0.1');
    await new Promise<void>((resolve) => third.once('close', () => resolve()));
    expect(third.bytesRead).toBe(0);
    for (const socket of open) socket.destroy();
  });
});

describe('Host allow-list (L9)', () => {
  it('does not answer to the machine\'s name or <name>.local on a wildcard bind (mDNS rebinding)', () => {
    const names = allowedHostnames('0.0.0.0');
    expect(names.has(os.hostname().toLowerCase())).toBe(false);
    expect(names.has(`${os.hostname().toLowerCase()}.local`)).toBe(false);
    expect(names.has('127.0.0.1')).toBe(true);
  });

  it('answers to a name the user bound explicitly', () => {
    expect(allowedHostnames('till.example.lan').has('till.example.lan')).toBe(true);
  });
});
