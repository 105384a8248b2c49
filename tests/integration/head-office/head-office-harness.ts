// Real tills and a real relay for the head-office tests: each till is the whole core (SQLite ledger in a
// temp dir, embedded stripe-sim, the official SDK) with POS_RELAY_URL pointing at a gate in front of a
// relay started in-process with head office on. The gate is a plain HTTP proxy that can play the
// relay being down (connections cut) or answers lost on the way back (the relay stored the batch, the
// till never heard), so the till's own outbox and sender are what is tested.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { HeadOfficeSender } from '../../../electron/core/head-office/head-office-sender';
import type { Clock } from '../../../electron/core/payments/watch-scheduler';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import type { DailyReport, Refund, Shift } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { startRelay, type RelayHandle } from '../../../relay/index';
import type { ChainReport, Totals } from '../../../relay/head-office/chain-report';
import { call, fastPolling, fastRefundPolling, signedInContext, tempDataDir, waitForRefund } from '../../support/core-harness';

export const WEBHOOK_SECRET = 'whsec_head_office_tests';
export const HEAD_OFFICE_TOKEN = 'head-office-token-0123456789abcdef';

export interface TillSpec {
  shopId: string;
  tillId: string;
  token: string;
}

export function tillSpec(shopId: string, tillId: string): TillSpec {
  return { shopId, tillId, token: `till-token-${shopId}-${tillId}-0123456789` };
}

export interface TestRelay {
  relay: RelayHandle;
  dataDir: string;
  /** GET a head-office path with the head-office token (or `token`), JSON answer. */
  get(pathAndQuery: string, token?: string): Promise<{ status: number; body: unknown }>;
  daily(date: string, mode?: string): Promise<ChainReport>;
  monthly(month: string, mode?: string): Promise<ChainReport>;
  close(): Promise<void>;
}

export async function startTestRelay(tills: readonly TillSpec[], options: { dataDir?: string; databaseUrl?: string | null } = {}): Promise<TestRelay> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-head-office-relay-'));
  const relay = await startRelay({
    dataDir,
    port: 0,
    webhookSecrets: [WEBHOOK_SECRET],
    tillTokens: tills.map((till) => ({ token: till.token, account: null })),
    headOffice: { headOfficeTokens: [HEAD_OFFICE_TOKEN], tillIdentities: tills.map((till) => ({ ...till })) },
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  const get = async (pathAndQuery: string, token = HEAD_OFFICE_TOKEN) => {
    const response = await fetch(`${relay.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const report = async (pathAndQuery: string) => {
    const answer = await get(pathAndQuery);
    if (answer.status !== 200) throw new Error(`${pathAndQuery} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body as ChainReport;
  };
  return {
    relay,
    dataDir,
    get,
    daily: (date, mode = 'demo') => report(`/head-office/reports/daily?date=${date}&mode=${mode}`),
    monthly: (month, mode = 'demo') => report(`/head-office/reports/monthly?month=${month}&mode=${mode}`),
    close: () => relay.close(),
  };
}

export interface SalesPost {
  body: string;
  /** The relay's answer, or null when the gate cut it off before the till heard it (or it is on its way). */
  answer: { status: number; body: string } | null;
  /** The relay answered and the gate cut the till off before it heard. */
  lost: boolean;
}

/** An HTTP proxy in front of the relay that can be down or lose the relay's answers to sales posts. */
export class RelayGate {
  url = '';
  mode: 'open' | 'down' | 'lose-answers' = 'open';
  readonly salesPosts: SalesPost[] = [];
  private server: http.Server | null = null;
  private readonly sockets = new Set<import('node:net').Socket>();
  private readonly waiters: { test: (post: SalesPost) => boolean; resolve: (post: SalesPost) => void }[] = [];

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    const target = new URL(this.target);
    this.server = http.createServer((request, response) => {
      if (this.mode === 'down') {
        request.socket.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const isSales = request.method === 'POST' && request.url === '/head-office/sales';
        const post: SalesPost | null = isSales ? { body: body.toString('utf8'), answer: null, lost: false } : null;
        if (post) this.salesPosts.push(post);
        const loseAnswer = isSales && this.mode === 'lose-answers';
        const forward = http.request(
          { host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers },
          (upstream) => {
            if (!post) {
              response.writeHead(upstream.statusCode!, upstream.headers);
              upstream.pipe(response);
              return;
            }
            const answer: Buffer[] = [];
            upstream.on('data', (chunk: Buffer) => answer.push(chunk));
            upstream.on('end', () => {
              if (loseAnswer) {
                // The relay has stored it; the till only sees its connection drop.
                post.lost = true;
                request.socket.destroy();
              } else {
                post.answer = { status: upstream.statusCode!, body: Buffer.concat(answer).toString('utf8') };
                response.writeHead(upstream.statusCode!, upstream.headers);
                response.end(Buffer.concat(answer));
              }
              this.settled(post);
            });
          },
        );
        forward.on('error', () => request.socket.destroy());
        forward.end(body);
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  /** Resolves with the first sales post, past or future, that has its outcome and passes `test`. */
  waitForPost(test: (post: SalesPost) => boolean): Promise<SalesPost> {
    const found = this.salesPosts.find((post) => (post.lost || post.answer !== null) && test(post));
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  private settled(post: SalesPost): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.test(post)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(post);
    }
  }

  /** Down: every open connection (the till's event stream too) is cut, and new ones are. */
  down(): void {
    this.mode = 'down';
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** A clock the test sets to any instant (sales then carry that time); its timers are real ones. */
export class SettableClock implements Clock {
  private offset = 0;
  now = (): number => Date.now() + this.offset;
  set(epochMs: number): void {
    this.offset = epochMs - Date.now();
  }
  setTimer(ms: number, run: () => void): () => void {
    const handle = setTimeout(run, ms);
    handle.unref?.();
    return () => clearTimeout(handle);
  }
}

export interface TestTill {
  pos: PosCore;
  sender: HeadOfficeSender;
  clock: SettableClock;
  spec: TillSpec;
  close(): Promise<void>;
}

export async function startTestTill(
  spec: TillSpec,
  relayUrl: string,
  options: { dataDir?: string; clock?: SettableClock; log?: (line: string) => void } = {},
): Promise<TestTill> {
  const clock = options.clock ?? new SettableClock();
  const config = loadCoreConfig({}, {
    dataDir: options.dataDir ?? tempDataDir(),
    httpPort: 0,
    simPort: null,
    relayUrl,
    relayToken: spec.token,
    stripeWebhookSecrets: [WEBHOOK_SECRET],
    shopId: spec.shopId,
    tillId: spec.tillId,
  });
  let sender: HeadOfficeSender | null = null;
  const pos = await startCore(config, {
    pollSchedule: fastPolling,
    refundPollDelayMs: fastRefundPolling,
    log: (line) => {
      options.log?.(line);
      if (process.env.HEAD_OFFICE_TEST_LOG) console.log(`[${spec.tillId}] ${line}`);
    },
    clock,
    // Fast retries: the tests bring the relay back and wait for the outbox to drain.
    headOffice: { backoffMs: () => 100, onStarted: (started) => void (sender = started) },
  });
  if (!sender) throw new Error('head office did not start on the till (POS_RELAY_URL and POS_RELAY_TOKEN are set)');
  await signedInContext(pos);
  return { pos, sender, clock, spec, close: () => pos.close() };
}

/** Sales of each kind, through the till's own operations. */
export const ring = {
  async promptpay(pos: PosCore, amount: number, outcome: 'succeed' | 'fail' | 'cancel' = 'succeed'): Promise<Sale> {
    const sale = await call(pos, 'sales.charge', { amount });
    if (outcome === 'cancel') return call(pos, 'sales.cancel', { saleId: sale.id });
    return call(pos, 'demo.simulate', { saleId: sale.id, outcome });
  },
  async cash(pos: PosCore, amount: number): Promise<Sale> {
    await ensureShift(pos);
    return call(pos, 'sales.cash', { amount, tendered: amount + 5_000 });
  },
  async manual(pos: PosCore, amount: number, outcome: 'confirm' | 'cancel' = 'confirm'): Promise<Sale> {
    await call(pos, 'settings.update', { promptPayId: '0812345678' });
    const sale = await call(pos, 'sales.manualQr', { amount });
    return outcome === 'confirm' ? call(pos, 'sales.confirmManual', { saleId: sale.id }) : call(pos, 'sales.cancel', { saleId: sale.id });
  },
  /**
   * A refund. A hand tender's is paid out at once; a Stripe sale's waits for the customer's bank
   * details: with `paidOut` the test plays the customer and Stripe (the simulator's controls) and waits
   * until the till has seen it succeed, so reports stay put afterwards.
   */
  async refund(pos: PosCore, sale: Sale, amount: number, options: { paidOut?: boolean } = {}): Promise<Refund> {
    if (sale.tender === 'cash') await ensureShift(pos);
    const refund = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount });
    if (refund.status === 'succeeded' || options.paidOut === false) return refund;
    const succeeded = waitForRefund(pos, refund.id, 'succeeded');
    for (const step of ['bank_details_submitted', 'succeed']) {
      const response = await fetch(`${pos.simulatorUrl}/_sim/refunds/${refund.stripeRefundId}/${step}`, { method: 'POST' });
      if (!response.ok) throw new Error(`sim refund ${step} answered ${response.status}`);
    }
    return succeeded;
  },
};

async function ensureShift(pos: PosCore): Promise<void> {
  const current = await call<Shift | null>(pos, 'shifts.current', {});
  if (!current) await call<Shift>(pos, 'shifts.open', { float: 100_000 });
}

export function tillDaily(pos: PosCore, date: string): Promise<DailyReport> {
  return call<DailyReport>(pos, 'reports.daily', { date });
}

/** The totals both sides define, picked from a till's DailyReport (or a head-office row) to compare. */
export function comparable(totals: Pick<Totals, keyof Totals>): Totals {
  return {
    byStatus: totals.byStatus,
    paid: totals.paid,
    refunded: totals.refunded,
    net: totals.net,
    tenders: totals.tenders,
    refundsPaidOut: totals.refundsPaidOut,
    refundsWaiting: totals.refundsWaiting,
  };
}

/** One till's row in a chain report, or zeros when head office lists no such till. */
export function tillRow(report: ChainReport, spec: TillSpec): Totals | undefined {
  return report.shops.find((shop) => shop.shopId === spec.shopId)?.tills.find((till) => till.tillId === spec.tillId)?.totals;
}
