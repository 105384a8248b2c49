// The built screens served from the renderer directory, and demo mode's /_sim forwarding to the
// embedded simulator.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, cspDirectives } from '../../../electron/core/http/security-headers';
import type { AppInfo } from '../../../shared/pos-contract';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import { callPos, jsonOf, rawRequest, startTestTill, type TestTill } from './http-test-till';
import { openEventStream } from './sse-reader';

const SECRET = 'top-secret-outside-the-renderer';
let workDir: string;
let rendererDir: string;
let till: TestTill;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'chamra-static-'));
  rendererDir = path.join(workDir, 'renderer');
  await mkdir(path.join(rendererDir, 'cashier'), { recursive: true });
  await mkdir(path.join(rendererDir, 'customer'), { recursive: true });
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'cashier', 'index.html'), '<!doctype html><title>Cashier</title><script type="module" src="../assets/cashier-abc123.js"></script>');
  await writeFile(path.join(rendererDir, 'customer', 'index.html'), '<!doctype html><title>Customer</title>');
  await writeFile(path.join(rendererDir, 'assets', 'cashier-abc123.js'), 'console.log("cashier");');
  await writeFile(path.join(rendererDir, 'assets', 'style-abc123.css'), 'body{}');
  await writeFile(path.join(workDir, 'secret.txt'), SECRET);
  await symlink(path.join(workDir, 'secret.txt'), path.join(rendererDir, 'assets', 'escape.js'));
  till = await startTestTill({ rendererDir });
});
afterAll(async () => {
  await till?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('the built screens', () => {
  it.each([
    ['/', '/cashier/'],
    ['/cashier', '/cashier/'],
    ['/customer', '/customer/'],
    ['/customer?lang=th', '/customer/?lang=th'],
  ])('redirects %s to %s', async (from, to) => {
    const response = await fetch(`${till.url}${from}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(to);
  });

  it('serves each screen as HTML that is revalidated, with the security headers', async () => {
    for (const screen of ['cashier', 'customer']) {
      const response = await fetch(`${till.url}/${screen}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      // Exactly the renderer's directives (helmet writes them without the space after ';').
      expect(cspDirectives(response.headers.get('content-security-policy') ?? '')).toEqual(cspDirectives(CONTENT_SECURITY_POLICY));
      expect(Object.keys(cspDirectives(CONTENT_SECURITY_POLICY))).toHaveLength(9);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await response.text()).toContain(screen === 'cashier' ? 'Cashier' : 'Customer');
    }
  });

  it('serves hashed assets with their content type and a long cache', async () => {
    const script = await fetch(`${till.url}/assets/cashier-abc123.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(await script.text()).toBe('console.log("cashier");');
    const style = await fetch(`${till.url}/assets/style-abc123.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 304 when the browser already has the file', async () => {
    const first = await fetch(`${till.url}/cashier/`);
    const again = await fetch(`${till.url}/cashier/`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for a file that is not there', async () => {
    expect((await fetch(`${till.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${till.url}/api/pos/nothing-here`)).status).toBe(404);
  });

  it.each([
    '/cashier/../../secret.txt',
    '/../secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/assets/escape.js',
    '/cashier/%00index.html',
  ])('refuses the traversal %s without revealing anything', async (pathname) => {
    const response = await rawRequest(till.url, { path: pathname });
    expect([400, 403, 404]).toContain(response.status);
    expect(response.body).not.toContain(SECRET);
  });

  it('explains how to build the screens when the renderer directory is missing', async () => {
    const unbuilt = await startTestTill({ rendererDir: path.join(workDir, 'not-built-yet') });
    try {
      const response = await fetch(`${unbuilt.url}/cashier/`);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('npm run build:renderer');
    } finally {
      await unbuilt.close();
    }
  });
});

describe('/_sim forwarding in demo mode', () => {
  it("serves the simulator's hosted payment page and QR image, without the screens' CSP", async () => {
    const { body } = await callPos(till, 'sales.charge', { amount: 3000 });
    const pi = body.value.paymentIntentId!;

    const page = await fetch(`${till.url}/_sim/pay/${pi}`);
    const direct = await fetch(`${till.core.simulatorUrl}/_sim/pay/${pi}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    expect(page.headers.get('content-security-policy')).toBe(direct.headers.get('content-security-policy'));
    expect(await page.text()).toBe(await direct.text());

    const image = await fetch(`${till.url}/_sim/qr/${pi}.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const directImage = await fetch(`${till.core.simulatorUrl}/_sim/qr/${pi}.png`);
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(await directImage.arrayBuffer()))).toBe(true);
  });

  it("passes the simulator's own status and JSON body back", async () => {
    const response = await fetch(`${till.url}/_sim/payment_intents/pi_doesnotexist/succeed`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect((await jsonOf(response)).error).toBeDefined();
  });

  it('forwards a POST body and its query string', async () => {
    const set = await fetch(`${till.url}/_sim/faults?via=test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, kind: 'http500' }),
    });
    expect(set.status).toBe(200);
    expect((await jsonOf<{ pending: unknown[] }>(set)).pending.length).toBeGreaterThan(0);
    const cleared = await fetch(`${till.url}/_sim/faults`, { method: 'DELETE' });
    expect((await jsonOf<{ pending: unknown[] }>(cleared)).pending).toEqual([]);
  });

  it('lets a simulated failure reach the sale', async () => {
    const stream = await openEventStream(`${till.url}/api/pos/events`);
    try {
      const { body } = await callPos(till, 'sales.charge', { amount: 3100 });
      const response = await fetch(`${till.url}/_sim/payment_intents/${body.value.paymentIntentId}/fail`, { method: 'POST' });
      expect(response.status).toBe(200);
      await stream.next((event) => JSON.parse(event.data).id === body.value.id && JSON.parse(event.data).status === 'failed');
    } finally {
      stream.close();
    }
  });

  it("refuses a path that climbs out of /_sim into the simulator's Stripe API", async () => {
    for (const pathname of ['/_sim/../v1/payment_intents', '/_sim/%2e%2e/v1/payment_intents']) {
      const response = await rawRequest(till.url, { method: 'POST', path: pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'amount=5000&currency=thb' });
      expect(response.status).toBe(400);
    }
  });
});

describe('/_sim outside demo mode', () => {
  let sim: StripeSim;
  let stripeTill: TestTill;
  beforeAll(async () => {
    sim = await startStripeSim({ port: 0 });
    stripeTill = await startTestTill({ config: { stripeSecretKey: 'sk_test_chamra_http_tests', stripeApiBase: sim.url } });
  });
  afterAll(async () => {
    await stripeTill?.close();
    await sim?.close();
  });

  it('answers 404 and forwards nothing', async () => {
    const { body } = await callPos<AppInfo>(stripeTill, 'app.info', {});
    expect(body.value.mode).toBe('test');
    sim.resetStats();
    const response = await fetch(`${stripeTill.url}/_sim/health`);
    expect(response.status).toBe(404);
    expect((await jsonOf(response)).error.message).toMatch(/demo mode/);
    expect(sim.stats().total).toBe(0);
  });
});
