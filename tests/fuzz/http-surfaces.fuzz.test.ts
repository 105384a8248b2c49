// Fuzzing the three doors of the till's HTTP server with fast-check, in process (fastify.inject) against
// a real till (real core, SQLite ledger, embedded simulator): the integration REST API, the screens' API
// (/api/pos/<op>, as the signed-in owner so every operation reaches its input check) and the Stripe
// webhook (unsigned, wrongly signed, and signed with the real secret over malformed bodies). Every
// input is malformed by construction (the surface's own schema refuses it). Expected: no 5xx at all,
// and not one row written anywhere in the ledger.
import { createHmac } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntentBody } from '../../electron/core/http/integration-schemas';
import { posOperations, type PosOperation } from '../../shared/pos-contract';
import { startTestTill, TEST_API_TOKEN, type TestTill } from '../integration/http/http-test-till';

const WEBHOOK_SECRET = 'whsec_fuzz_0123456789abcdef';
/** Runs per surface; fixed seeds, so a failure replays. */
const RUNS = { screens: 2500, rest: 1500, webhook: 1500 };

let till: TestTill;
let ledger: Database.Database;
let rowsBefore: Record<string, number>;
const statuses = new Map<string, Map<number, number>>();

function countRows(): Record<string, number> {
  const tables = ledger.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (ledger.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

function note(surface: string, status: number): void {
  const counts = statuses.get(surface) ?? new Map<number, number>();
  counts.set(status, (counts.get(status) ?? 0) + 1);
  statuses.set(surface, counts);
}

beforeAll(async () => {
  till = await startTestTill({ config: { stripeWebhookSecrets: [WEBHOOK_SECRET] } });
  ledger = new Database(path.join(till.dataDir, 'ledger.sqlite3'), { readonly: true, fileMustExist: true });
  rowsBefore = countRows();
});

afterAll(async () => {
  const summary = Object.fromEntries([...statuses].map(([surface, counts]) => [surface, Object.fromEntries([...counts].sort(([a], [b]) => a - b))]));
  console.log(`fuzz: ${JSON.stringify({ requests: [...statuses.values()].reduce((n, c) => n + [...c.values()].reduce((a, b) => a + b, 0), 0), statuses: summary })}`);
  ledger?.close();
  await till?.close();
});

/**
 * What the server reads from a body of this content type: no body at all is no input ({}) whatever
 * the type; a blank or JSON body sent as JSON is parsed; anything else is refused.
 */
function readBody(body: string, type: string): { json: true; value: unknown } | { json: false } {
  if (body === '') return { json: true, value: {} };
  return isJsonType(type) ? inputOf(body) : { json: false };
}

function inputOf(body: string): { json: true; value: unknown } | { json: false } {
  if (body.trim() === '') return { json: true, value: {} };
  try {
    return { json: true, value: JSON.parse(body) };
  } catch {
    return { json: false };
  }
}

const operations = Object.keys(posOperations) as PosOperation[];
// Mostly JSON, so most inputs reach the schemas; the rest must be refused (415) before any parsing.
const contentTypes = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream') },
);
const isJsonType = (type: string) => type.toLowerCase().startsWith('application/json');
/** Bodies: any JSON value, or any text (mostly not JSON at all), or JSON with a broken tail. */
const bodies = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? ''),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => `${JSON.stringify(value)}}`),
  fc.constantFrom('', ' ', 'null', '[]', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}', '{"amount":1e400}', '{"amount":-0}'),
);
/** A path segment as a client might send it: plain, percent-encoded, or with dots and slashes. */
const segment = fc.oneof(fc.string({ maxLength: 60 }).map(encodeURIComponent), fc.constantFrom('..', '%2e%2e', '%2F', 'pi_', 'sale_', 'pi_%00', 'sale_aaaaaaaa%0a', '%ff', '%'));

describe('fuzzing the HTTP surfaces', () => {
  it(`the screens' API: ${RUNS.screens} malformed calls, no 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), bodies, contentTypes, fc.boolean(), async (op, body, type, encoded) => {
        const read = readBody(body, type);
        // Malformed only: the operation's own schema must refuse what the server would read.
        fc.pre(!read.json || !posOperations[op].safeParse(read.value).success);
        const url = encoded ? `/%61pi/pos/${encodeURIComponent(op).replace('.', '%2E')}` : `/api/pos/${op}`;
        const response = await inject({ method: 'POST', url, headers: { 'content-type': type, cookie: till.cookie! }, payload: body });
        note('screens', response.statusCode);
        expect(response.statusCode, `${op} ${type} ${body.slice(0, 80)}`).toBeLessThan(500);
      }),
      { numRuns: RUNS.screens, seed: 7_2026 },
    );
  });

  it(`unknown operations and paths on the screens' API: no 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(segment, bodies, fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), async (op, body, method) => {
        fc.pre(!Object.hasOwn(posOperations, decodeURIComponentSafe(op)));
        const response = await inject({ method, url: `/api/pos/${op}`, headers: { 'content-type': 'application/json', cookie: till.cookie! }, ...(method === 'GET' || method === 'HEAD' ? {} : { payload: body }) });
        note('screens-paths', response.statusCode);
        expect(response.statusCode, `${method} ${op}`).toBeLessThan(500);
      }),
      { numRuns: 500, seed: 7_2027 },
    );
  });

  it(`the REST API: ${RUNS.rest} malformed requests, no 5xx`, async () => {
    const createIntent = fc.record({ body: bodies, type: contentTypes, key: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }) }).map((r) => ({ kind: 'create' as const, ...r }));
    const byId = fc.record({ id: segment, action: fc.constantFrom('', '/cancel', '/renew'), body: bodies }).map((r) => ({ kind: 'id' as const, ...r }));
    const report = fc.record({ date: fc.string({ maxLength: 20 }).filter((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d)), format: fc.string({ maxLength: 8 }) }).map((r) => ({ kind: 'report' as const, ...r }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(createIntent, byId, report), fc.boolean(), async (request, withToken) => {
        const auth: Record<string, string> = withToken ? { authorization: `Bearer ${TEST_API_TOKEN}` } : {};
        let response;
        if (request.kind === 'create') {
          const read = readBody(request.body, request.type);
          fc.pre(!read.json || !createIntentBody.safeParse(read.value).success);
          response = await inject({
            method: 'POST',
            url: '/payments/intents',
            headers: { ...auth, 'content-type': request.type, ...(request.key === undefined ? {} : { 'idempotency-key': request.key }) },
            payload: request.body,
          });
        } else if (request.kind === 'id') {
          // No sale exists (nothing valid was ever charged), so no id can name one.
          response = await inject({
            method: request.action === '' ? 'GET' : 'POST',
            url: `/payments/${request.id}${request.action}`,
            headers: { ...auth, 'content-type': 'application/json' },
            ...(request.action === '' ? {} : { payload: request.body }),
          });
        } else {
          response = await inject({ method: 'GET', url: `/reports/daily?date=${encodeURIComponent(request.date)}&format=${encodeURIComponent(request.format)}`, headers: auth });
        }
        note('rest', response.statusCode);
        expect(response.statusCode, JSON.stringify(request).slice(0, 200)).toBeLessThan(500);
      }),
      { numRuns: RUNS.rest, seed: 7_2028 },
    );
  });

  it(`the webhook: ${RUNS.webhook} unsigned, wrongly signed and signed-but-malformed deliveries, no 5xx`, async () => {
    const sign = (body: string, secret: string) => {
      const t = Math.floor(Date.now() / 1000);
      return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex')}`;
    };
    const signature = fc.oneof(
      fc.constant('real'),
      fc.constant('wrong-secret'),
      fc.constant(undefined),
      fc.string({ maxLength: 200 }),
      fc.constantFrom('t=1,v1=', 't=,v1=00', 'v1=' + '0'.repeat(64), `t=${'9'.repeat(30)},v1=00`),
    );
    await fc.assert(
      fc.asyncProperty(bodies, signature, contentTypes, async (body, how, type) => {
        // A genuine-looking event (an object with an id and a type) is not malformed: leave it out.
        const read = inputOf(body);
        const value = read.json ? (read.value as { id?: unknown; type?: unknown } | null) : null;
        fc.pre(!(value !== null && typeof value === 'object' && typeof value.id === 'string' && typeof value.type === 'string'));
        const header = how === 'real' ? sign(body, WEBHOOK_SECRET) : how === 'wrong-secret' ? sign(body, 'whsec_wrong') : how;
        const response = await inject({ method: 'POST', url: '/payments/webhook', headers: { 'content-type': type, ...(header === undefined ? {} : { 'stripe-signature': header }) }, payload: body });
        note('webhook', response.statusCode);
        expect(response.statusCode, `${String(how).slice(0, 40)} ${body.slice(0, 80)}`).toBeLessThan(500);
      }),
      { numRuns: RUNS.webhook, seed: 7_2029 },
    );
  });

  it('wrote not one row anywhere in the ledger', () => {
    expect(countRows()).toEqual(rowsBefore);
  });
});

/** A request as a client on the till sends it (its own Host header). */
function inject(options: { method: string; url: string; headers?: Record<string, string>; payload?: string }) {
  return till.server.inject({ ...options, method: options.method as InjectOptions['method'], headers: { host: `127.0.0.1:${till.server.port}`, ...options.headers } });
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
