// The desktop app's HTTP server serves only what other systems need (regression: it also served the
// browser-mode operator API — sign-in, charges, refunds, the live event feed, export downloads and
// /_sim — on 127.0.0.1 although the desktop screens use IPC). Browser mode keeps all of it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sale } from '../../../shared/sale';
import { callPos, rawRequest, startTestTill, TEST_API_TOKEN, type TestTill } from './http-test-till';
import { openEventStream } from './sse-reader';

let workDir: string;
let rendererDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'chamra-operator-'));
  rendererDir = path.join(workDir, 'renderer');
  await mkdir(path.join(rendererDir, 'cashier'), { recursive: true });
  await writeFile(path.join(rendererDir, 'cashier', 'index.html'), '<!doctype html><title>Cashier</title>');
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${TEST_API_TOKEN}` };
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(Date.now());

/** What other systems use on either kind of server: the REST API, reports and the webhook. */
async function integrationStatuses(till: TestTill): Promise<Record<string, number | string>> {
  const created = await fetch(`${till.url}/payments/intents`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 5000, description: 'ERP order 12' }),
  });
  const { paymentIntentId } = (await created.json()) as { paymentIntentId: string };
  const report = await fetch(`${till.url}/reports/daily?date=${today()}`, { headers: auth });
  await report.body?.cancel();
  // The webhook route exists (it answers for itself: off here, since no signing secret is set).
  const webhook = await rawRequest(till.url, { method: 'POST', path: '/payments/webhook', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, body: '{}' });
  return {
    create: created.status,
    get: (await fetch(`${till.url}/payments/${paymentIntentId}`, { headers: auth })).status,
    cancel: (await fetch(`${till.url}/payments/${paymentIntentId}/cancel`, { method: 'POST', headers: auth })).status,
    report: report.status,
    webhook: `${webhook.status} ${JSON.parse(webhook.body).error.code}`,
  };
}

const SERVED = { create: 201, get: 200, cancel: 200, report: 200, webhook: '503 webhooks_disabled' };

describe('operatorApi: false (the desktop app)', () => {
  let till: TestTill;
  beforeAll(async () => {
    till = await startTestTill({ operatorApi: false, signedIn: false, rendererDir });
  });
  afterAll(async () => {
    await till?.close();
  });

  it('serves the integration REST API, the report API and the webhook', async () => {
    expect(await integrationStatuses(till)).toEqual(SERVED);
  });

  it('serves no operator API, event stream, export download, simulator or screens', async () => {
    for (const [op, input] of [['auth.setupOwner', { name: 'Intruder', pin: '135790' }], ['app.info', {}], ['sales.current', {}], ['sales.charge', { amount: 5000 }]] as const) {
      const { status, body } = await callPos(till, op, input);
      expect(status, op).toBe(404);
      expect(body).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    const stream = await fetch(`${till.url}/api/pos/events`);
    expect(stream.status).toBe(404);
    await stream.body?.cancel();
    expect((await fetch(`${till.url}/api/exports/exp_abcdefgh12/file`)).status).toBe(404);
    // Demo mode: the simulator runs, but is not reachable through this server.
    expect(till.core.simulatorUrl).not.toBeNull();
    expect((await fetch(`${till.url}/_sim/stats`)).status).toBe(404);
    expect((await fetch(`${till.url}/cashier/`)).status).toBe(404);
    // No session cookie is handed out, and the ledger is untouched: no owner was created over HTTP.
    expect((await fetch(`${till.url}/payments/pi_none`, { headers: auth })).headers.get('set-cookie')).toBeNull();
    const status = await till.core.dispatch('auth.status', {}, { transport: 'ipc', clientKey: 'ipc:check' });
    expect(status).toMatchObject({ ok: true, value: { setupRequired: true } });
  });
});

describe('operatorApi left at its default (browser mode)', () => {
  let till: TestTill;
  beforeAll(async () => {
    till = await startTestTill({ rendererDir });
  });
  afterAll(async () => {
    await till?.close();
  });

  it('serves the operator API, its event stream, the simulator and the screens as well', async () => {
    expect((await callPos(till, 'app.info', {})).status).toBe(200);
    const charged = await callPos<Sale>(till, 'sales.charge', { amount: 5000 });
    expect(charged.status).toBe(200);
    await callPos(till, 'sales.cancel', { saleId: charged.body.value.id });
    const stream = await openEventStream(`${till.url}/api/pos/events`);
    expect(stream.response.status).toBe(200);
    stream.close();
    expect((await fetch(`${till.url}/_sim/stats`)).status).toBe(200);
    expect((await fetch(`${till.url}/cashier/`)).status).toBe(200);
  });

  it('serves the integration REST API, the report API and the webhook', async () => {
    expect(await integrationStatuses(till)).toEqual(SERVED);
  });
});
