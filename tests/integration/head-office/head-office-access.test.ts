// Who may do what at head office, over real HTTP against a real relay: a till token sends only its own
// till's sales and reads nothing; a head-office token reads and exports, and can neither send sales
// nor stream a till's payment events; every bad input is a clear 400 and stores nothing. The
// configuration refuses a token doing two jobs, and its messages never echo a token.
import { afterEach, describe, expect, it } from 'vitest';
import { parseHeadOfficeEnv } from '../../../relay/head-office/index';
import { parseRelayEnv } from '../../../relay/index';
import type { WireSale } from '../../../relay/head-office/wire-schema';
import { HEAD_OFFICE_TOKEN, startTestRelay, tillSpec, type TestRelay } from './head-office-harness';

const bangrak = tillSpec('bangrak', 'till-1');
const silom = tillSpec('silom', 'till-1');
let relay: TestRelay | null = null;
afterEach(async () => {
  await relay?.close();
  relay = null;
}, 60_000);

function sale(overrides: Partial<WireSale> = {}): WireSale {
  return {
    id: 'sale_access00001', shopId: 'bangrak', tillId: 'till-1', version: 10, cashierId: 'csh_abcdef', cashier: 'Nok', amount: 10_000,
    currency: 'thb', tender: 'cash', status: 'succeeded', mode: 'live', account: null, createdAt: Date.parse('2026-06-01T05:00:00Z'),
    paidAt: Date.parse('2026-06-01T05:00:00Z'), updatedAt: Date.parse('2026-06-01T05:00:00Z'), businessDate: '2026-06-01',
    timeZone: 'Asia/Bangkok', dayStartHour: 0, refunds: [], ...overrides,
  };
}

async function post(body: unknown, token: string | null): Promise<{ status: number; body: { error?: string; message?: string; stored?: number } }> {
  const response = await fetch(`${relay!.relay.url}/head-office/sales`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { error?: string; message?: string } };
}

const paidOn = async (date: string) => (await relay!.daily(date, 'live')).totals.paid;

describe('head office: tokens and inputs', () => {
  it('a till token sends its own sales only: another till\'s sale refuses the whole batch', async () => {
    relay = await startTestRelay([bangrak, silom]);
    expect(await post({ sales: [sale()] }, bangrak.token)).toMatchObject({ status: 200, body: { stored: 1 } });
    const foreign = await post({ sales: [sale({ id: 'sale_access00002' }), sale({ id: 'sale_access00003', shopId: 'silom' })] }, bangrak.token);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: 'wrong_till' });
    expect(foreign.body.message).toContain('sales.1 belongs to silom/till-1');
    expect(foreign.body.message).not.toContain(bangrak.token);
    // A till of the same shop, another till id: refused too.
    expect((await post({ sales: [sale({ id: 'sale_access00004', tillId: 'till-2' })] }, bangrak.token)).status).toBe(403);
    expect(await paidOn('2026-06-01')).toEqual({ count: 1, amount: 10_000 });
    // Silom's own token may send Silom's sale with the same id: a different till's sale, not an overwrite.
    expect((await post({ sales: [sale({ shopId: 'silom', amount: 5_000 })] }, silom.token)).status).toBe(200);
    const report = await relay.daily('2026-06-01', 'live');
    expect(report.shops.map((shop) => [shop.shopId, shop.totals.paid.amount])).toEqual([['bangrak', 10_000], ['silom', 5_000]]);
  });

  it('a till token reads no report or export; a head-office token sends no sale and streams no event', async () => {
    relay = await startTestRelay([bangrak]);
    for (const path of ['/head-office/reports/daily?date=2026-06-01', '/head-office/reports/monthly?month=2026-06', '/head-office/exports?from=2026-06-01&to=2026-06-01&format=csv']) {
      expect(await relay.get(path, bangrak.token), path).toMatchObject({ status: 403, body: { error: 'forbidden' } });
      expect((await relay.get(path, 'not-a-known-token-at-all-0000')).status, path).toBe(401);
      expect((await fetch(`${relay.relay.url}${path}`)).status, path).toBe(401);
    }
    expect(await post({ sales: [sale()] }, HEAD_OFFICE_TOKEN)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect((await post({ sales: [sale()] }, null)).status).toBe(401);
    const events = await fetch(`${relay.relay.url}/events`, { headers: { authorization: `Bearer ${HEAD_OFFICE_TOKEN}` } });
    expect(events.status).toBe(401);
    await events.body?.cancel();
    expect(await paidOn('2026-06-01')).toEqual({ count: 0, amount: 0 });
  });

  it('a bad batch is a 400 naming the problem, and nothing of it is stored', async () => {
    relay = await startTestRelay([bangrak]);
    const bad: [unknown, RegExp][] = [
      [{ sales: [sale(), sale({ id: 'sale_access00005', amount: 12.5 })] }, /sales\.1\.amount/],
      [{ sales: [sale(), sale({ id: 'sale_access00006', businessDate: '2026-02-30' })] }, /sales\.1\.businessDate: not a real calendar date/],
      [{ sales: [sale({ timeZone: 'Mars/Olympus' })] }, /timeZone: not a known time zone/],
      [{ sales: [sale({ tender: 'card' as WireSale['tender'] })] }, /sales\.0\.tender/],
      [{ sales: [sale({ refunds: [{ id: 'rfd_x', amount: -1, status: 'succeeded', tender: 'cash', createdAt: 0, businessDate: '2026-06-01' }] })] }, /refunds\.0\.amount/],
      [{ sales: [] }, /at least one sale/],
      [{ sales: Array.from({ length: 501 }, (_, i) => sale({ id: `sale_many${i}` })) }, /at most 500/],
      [{}, /sales/],
    ];
    for (const [body, message] of bad) {
      const answer = await post(body, bangrak.token);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(message);
    }
    expect((await post('{"sales": [', bangrak.token)).status).toBe(400);
    expect(await paidOn('2026-06-01')).toEqual({ count: 0, amount: 0 });
    // Fields head office does not know are not stored (an email slipped in by a newer till, say).
    expect((await post({ sales: [{ ...sale(), email: 'customer@example.com' }] }, bangrak.token)).status).toBe(200);
    const csv = await (await fetch(`${relay.relay.url}/head-office/exports?from=2026-06-01&to=2026-06-01&format=csv`, {
      headers: { authorization: `Bearer ${HEAD_OFFICE_TOKEN}` },
    })).text();
    expect(csv).not.toContain('@');
  });

  it('report and export queries are validated', async () => {
    relay = await startTestRelay([bangrak]);
    const cases: [string, RegExp][] = [
      ['/head-office/reports/daily', /date/],
      ['/head-office/reports/daily?date=2026-13-01', /date/],
      ['/head-office/reports/daily?date=2026-06-01&mode=real', /mode/],
      ['/head-office/reports/daily?date=2026-06-01&extra=1', /extra|Unrecognized/i],
      ['/head-office/reports/monthly?month=2026-13', /month/],
      ['/head-office/exports?from=2026-06-02&to=2026-06-01&format=csv', /before the first day/],
      ['/head-office/exports?from=2025-01-01&to=2026-06-01&format=csv', /at most 400 days/],
      ['/head-office/exports?from=2026-06-01&to=2026-06-01&format=pdf', /format/],
    ];
    for (const [path, message] of cases) {
      const answer = await relay.get(path);
      expect(answer.status, path).toBe(400);
      expect((answer.body as { message: string }).message, path).toMatch(message);
    }
  });

  it('configuration: one token, one job; entries named by number, tokens never echoed', () => {
    const till = 'till-token-aaaaaaaaaaaaaaaa';
    const office = 'office-token-bbbbbbbbbbbbbbbb';
    const base = { STRIPE_WEBHOOK_SECRET: 'whsec_x', RELAY_TILL_TOKENS: `${till}:live` };
    expect(parseRelayEnv({ ...base, RELAY_HEAD_OFFICE_TOKENS: office, RELAY_TILL_IDENTITIES: `bangrak/till-1@${till}` }).headOffice).toEqual({
      headOfficeTokens: [office],
      tillIdentities: [{ shopId: 'bangrak', tillId: 'till-1', token: till }],
    });
    expect(parseRelayEnv(base).headOffice).toBeUndefined();
    const refusals: [Record<string, string>, RegExp][] = [
      [{ RELAY_HEAD_OFFICE_TOKENS: till }, /Head-office token #1 .* is also a till token/],
      [{ RELAY_HEAD_OFFICE_TOKENS: 'short' }, /at least 16 characters/],
      [{ RELAY_HEAD_OFFICE_TOKENS: office, RELAY_HEALTH_TOKEN: office }, /also the health token/],
      [{ RELAY_TILL_IDENTITIES: `bangrak-till-1@${till}` }, /entry #1 must read <shopId>\/<tillId>@<till token>/],
      [{ RELAY_TILL_IDENTITIES: `bangrak/till 1@${till}` }, /shop and till ids are 1–60 characters/],
      [{ RELAY_TILL_IDENTITIES: `bangrak/till-1@${office}` }, /not in RELAY_TILL_TOKENS/],
      [{ RELAY_TILL_IDENTITIES: `bangrak/till-1@${till},silom/till-1@${till}` }, /entry #2 binds a token already bound/],
      [{ RELAY_HEAD_OFFICE_TOKENS: office, RELAY_TILL_IDENTITIES: `bangrak/till-1@${office}` }, /entry #1/],
    ];
    for (const [env, message] of refusals) {
      let thrown: Error | null = null;
      try {
        parseHeadOfficeEnv({ ...base, ...env });
      } catch (error) {
        thrown = error as Error;
      }
      expect(thrown?.message, JSON.stringify(Object.keys(env))).toMatch(message);
      expect(thrown!.message).not.toContain(till);
      expect(thrown!.message).not.toContain(office);
    }
  });
});
