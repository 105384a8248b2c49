// One crash run: REST callers, a manager and Stripe's customers keep working while the till is
// SIGKILLed at random points and restarted on the same data directory; then the final verdict.
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { FaultInjector } from './fault-injector';
import { integrityCheck, judge, listAllEvents, readLedger, readStripe, stripeClient, type Verdict } from './final-checks';
import {
  bundleTillHost, freePort, logStream, startRelay, startSim, stopProcess, TillProcess, type RunningProcess,
} from './processes';
import { seededRandom, type SeededRandom } from './seeded-random';
import { SimControl, type PayerAction } from './sim-control';
import { NoAnswer, TillClient, type Answer, type PaymentBody } from './till-client';

export const KILL_KINDS = ['mid_create', 'awaiting', 'refund', 'webhook', 'relay'] as const;
export type KillKind = (typeof KILL_KINDS)[number];

export interface CrashRunOptions {
  seed: number;
  killPoints: number;
  faultRate: number;
  qrTimeoutSeconds: number;
  keep: boolean;
  /** Stop adding kill points after this long (the verdict still runs); the summary says so. */
  maxMinutes: number;
}

/** What a caller's retry after a crash got back: its sale alive with a QR, or something else. */
export type RetryOutcome = 'alive_with_qr' | 'canceled' | 'expired' | 'failed' | 'succeeded' | 'created_without_qr' | 'refused' | 'gave_up';

interface Charge {
  key: string;
  body: { amount: number; description: string; metadata: Record<string, string> };
  saleId: string | null;
  paymentIntentId: string | null;
  /** Settled for the caller: a 201, or a 4xx it would not retry. */
  done: boolean;
  attempts: number;
  /** Attempts that got no answer because the till died under them. */
  unanswered: number;
  qrShown: boolean;
  /** A customer/cashier action was taken on it; it is no longer a fresh sale to act on. */
  touched: boolean;
  refusal: string | null;
}

interface PaidSale {
  saleId: string;
  left: number;
}

const OWNER = { name: 'Crash Owner', pin: '482613' };
/** A REST caller gives up on a charge after this many attempts. */
const MAX_ATTEMPTS = 8;
const SETTLE_TIMEOUT_MS = 90_000;

export interface CrashRunResult {
  summary: Record<string, unknown>;
  pass: boolean;
  failures: string[];
  runDir: string;
}

export class CrashRun {
  private readonly random: SeededRandom;
  private readonly runDir = mkdtempSync(path.join(os.tmpdir(), 'chamra-crash-'));
  private readonly charges: Charge[] = [];
  private readonly callerSaleIds = new Set<string>();
  private readonly paid: PaidSale[] = [];
  private readonly stripeRefundIds: string[] = [];
  private readonly killsByKind: Record<string, number> = Object.fromEntries(KILL_KINDS.map((kind) => [kind, 0]));
  private readonly retryOutcomes: Record<RetryOutcome, number> = {
    alive_with_qr: 0, canceled: 0, expired: 0, failed: 0, succeeded: 0, created_without_qr: 0, refused: 0, gave_up: 0,
  };
  private readonly notes: string[] = [];
  private readonly createLatencies: number[] = [];
  private midCreateUnanswered = 0;
  /** Charges the till answered with a definite refusal, by status and code. */
  private readonly refusals: Record<string, number> = {};
  private refundsCreated = 0;
  private refundsUnanswered = 0;
  private startFailures = 0;
  private pushPaths: 'both' | 'webhook' | 'relay' = 'both';
  private ownerId: string | null = null;

  private sim!: SimControl;
  private till!: TillProcess;
  private client!: TillClient;
  private faults!: FaultInjector;
  private endpoints!: { webhook: string; relay: string };
  private readonly processes: RunningProcess[] = [];

  constructor(private readonly options: CrashRunOptions) {
    this.random = seededRandom(options.seed);
  }

  async run(progress: (line: string) => void): Promise<CrashRunResult> {
    const result = await this.runAndStop(progress);
    this.journalStream?.end();
    if (result.pass && !this.options.keep) rmSync(this.runDir, { recursive: true, force: true });
    return result;
  }

  private async runAndStop(progress: (line: string) => void): Promise<CrashRunResult> {
    const began = performance.now();
    try {
      await this.setUp();
      progress(`run dir ${this.runDir}; fault kinds: ${(await this.faults.init()).join(', ')}`);
      const deadline = began + this.options.maxMinutes * 60_000;
      for (let point = 1; point <= this.options.killPoints; point += 1) {
        if (performance.now() > deadline) {
          this.notes.push(`stopped after ${point - 1} kill points: --max-minutes ${this.options.maxMinutes} reached`);
          progress(this.notes.at(-1)!);
          break;
        }
        await this.timed('retries', () => this.retryUnanswered());
        await this.timed('faults', () => this.faults.topUp());
        this.point = point;
        const kind = this.random.pick(KILL_KINDS);
        this.journal({ step: 'kill_point', kind });
        await this.timed(kind, () => this.killPoint(kind));
        this.killsByKind[kind] += 1;
        await this.offlineWorld();
        await this.timed('restart', () => this.restartTill());
        if (point % 10 === 0) progress(`${point}/${this.options.killPoints} kill points, ${Math.round((performance.now() - began) / 1000)} s`);
      }
      return await this.finish(began, progress);
    } finally {
      this.client?.closeEvents();
      if (this.till?.isRunning) await this.till.kill();
      for (const running of this.processes.reverse()) await stopProcess(running);
    }
  }

  /** One JSON line per step in <run dir>/journal.jsonl: what happened to which sale, and when. */
  private journalStream: WriteStream | null = null;
  private point = 0;

  private journal(entry: Record<string, unknown>): void {
    this.journalStream ??= createWriteStream(path.join(this.runDir, 'journal.jsonl'), { flags: 'a' });
    this.journalStream.write(`${JSON.stringify({ at: Date.now(), point: this.point, tillUp: this.till?.isRunning ?? false, ...entry })}\n`);
  }

  /** Where the run's time goes (seconds per phase), for tuning its length. */
  private readonly phaseMs: Record<string, number> = {};

  private async timed(phase: string, work: () => Promise<void>): Promise<void> {
    const began = performance.now();
    try {
      await work();
    } finally {
      this.phaseMs[phase] = (this.phaseMs[phase] ?? 0) + performance.now() - began;
    }
  }

  // ---- set-up ----------------------------------------------------------------------------------

  private async setUp(): Promise<void> {
    const log = logStream(path.join(this.runDir, 'processes.log'));
    const bundle = await bundleTillHost();
    const [simPort, relayPort, tillPort] = [await freePort(), await freePort(), await freePort()];
    const webhookSecret = `whsec_crash_${randomUUID().replaceAll('-', '')}`;
    const tillToken = `till-token-${randomUUID()}`;
    const apiToken = `api-token-${randomUUID()}`;
    this.processes.push(await startSim(simPort, log));
    this.processes.push(await startRelay({ port: relayPort, dataDir: path.join(this.runDir, 'relay'), webhookSecret, tillToken }, log));
    this.sim = new SimControl(`http://127.0.0.1:${simPort}`);
    this.faults = new FaultInjector(this.sim, this.random, this.options.faultRate);
    this.endpoints = {
      webhook: await this.sim.addWebhookEndpoint(`http://127.0.0.1:${tillPort}/payments/webhook`, webhookSecret),
      relay: await this.sim.addWebhookEndpoint(`http://127.0.0.1:${relayPort}/stripe/webhook`, webhookSecret),
    };
    this.till = new TillProcess(
      {
        bundle,
        port: tillPort,
        dataDir: path.join(this.runDir, 'till'),
        apiToken,
        stripeApiBase: this.sim.baseUrl,
        webhookSecret,
        relayUrl: `http://127.0.0.1:${relayPort}`,
        relayToken: tillToken,
        qrTimeoutSeconds: this.options.qrTimeoutSeconds,
      },
      log,
    );
    this.client = new TillClient(this.till.url, apiToken);
    await this.restartTill();
    const owner = await this.client.pos<{ user: { cashierId: string } }>('auth.setupOwner', OWNER);
    if (!owner.ok) throw new Error(`owner setup failed: ${owner.error.message}`);
    this.ownerId = owner.value.user.cashierId;
  }

  private async restartTill(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.till.start();
        this.journal({ step: 'till_ready' });
        await this.client.openEvents();
        return;
      } catch (error) {
        this.startFailures += 1;
        this.notes.push(`till start failed: ${(error as Error).message}`);
        if (this.till.isRunning) await this.till.kill();
        if (attempt >= 3) throw error;
      }
    }
  }

  private async killTill(): Promise<void> {
    this.client.closeEvents();
    await this.till.kill();
    this.journal({ step: 'SIGKILL' });
  }

  // ---- the REST caller ---------------------------------------------------------------------------

  private newCharge(): Charge {
    const amount = this.random.int(1_000, 2_000_000);
    const charge: Charge = {
      key: `crash-${this.options.seed}-${this.charges.length + 1}-${randomUUID()}`,
      body: { amount, description: `crash harness #${this.charges.length + 1}`, metadata: { harness: 'crash' } },
      saleId: null,
      paymentIntentId: null,
      done: false,
      attempts: 0,
      unanswered: 0,
      qrShown: false,
      touched: false,
      refusal: null,
    };
    this.charges.push(charge);
    return charge;
  }

  /** One POST /payments/intents with the charge's Idempotency-Key, as an integration sends it. */
  private async attemptCharge(charge: Charge): Promise<void> {
    charge.attempts += 1;
    const retryAfterCrash = charge.unanswered > 0;
    const began = performance.now();
    let answer: Answer;
    try {
      answer = await this.client.rest('POST', '/payments/intents', { body: charge.body, idempotencyKey: charge.key });
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      this.journal({ step: 'charge_unanswered', key: charge.key });
      charge.unanswered += 1;
      if (charge.attempts >= MAX_ATTEMPTS) this.giveUp(charge, retryAfterCrash);
      return;
    }
    this.journal({ step: 'charge_answer', key: charge.key, status: answer.status, body: answer.body });
    if (answer.status === 201) {
      const body = answer.body as PaymentBody;
      charge.done = true;
      charge.saleId = body.saleId;
      charge.paymentIntentId = body.paymentIntentId ?? null;
      charge.qrShown = body.qr !== null;
      this.callerSaleIds.add(body.saleId);
      if (!retryAfterCrash) this.createLatencies.push(performance.now() - began);
      if (retryAfterCrash) await this.recordRetryOutcome(charge);
      return;
    }
    const error = (answer.body as { error?: { code?: string; message?: string } } | null)?.error;
    if (answer.status === 503 || answer.status === 500) {
      // Stripe could not be reached (injected faults) or the till failed: retry with the same key.
      if (charge.attempts >= MAX_ATTEMPTS) this.giveUp(charge, retryAfterCrash);
      return;
    }
    // A definite answer (e.g. 502: Stripe failed this charge for good, nothing was charged): settled.
    charge.done = true;
    charge.refusal = `${answer.status} ${error?.code ?? ''}`;
    this.refusals[charge.refusal] = (this.refusals[charge.refusal] ?? 0) + 1;
    if (retryAfterCrash) this.retryOutcomes.refused += 1;
  }

  private giveUp(charge: Charge, afterCrash: boolean): void {
    charge.done = true;
    charge.refusal = 'gave up';
    if (afterCrash) this.retryOutcomes.gave_up += 1;
  }

  private async recordRetryOutcome(charge: Charge): Promise<void> {
    if (charge.qrShown) {
      this.retryOutcomes.alive_with_qr += 1;
      return;
    }
    const now = await this.client.rest('GET', `/payments/${charge.saleId}`).catch(() => null);
    const status = (now?.body as PaymentBody | null)?.saleStatus;
    if (status === 'canceled' || status === 'expired' || status === 'failed' || status === 'succeeded') this.retryOutcomes[status] += 1;
    else this.retryOutcomes.created_without_qr += 1;
  }

  /** Every charge still without an answer is sent again with its key, all at once as callers would. */
  private async retryUnanswered(): Promise<void> {
    await Promise.all(this.charges.filter((charge) => !charge.done).map((charge) => this.attemptCharge(charge)));
  }

  /** A fresh sale with its QR on screen, one the harness has not acted on yet (new if none). */
  private async aliveSale(): Promise<Charge | null> {
    const fresh = this.charges.filter((charge) => charge.qrShown && !charge.touched && charge.paymentIntentId);
    if (fresh.length > 0 && this.random.chance(0.5)) return this.random.pick(fresh);
    const charge = this.newCharge();
    await this.attemptCharge(charge);
    return charge.qrShown && charge.paymentIntentId ? charge : null;
  }

  // ---- kill points -------------------------------------------------------------------------------

  private async killPoint(kind: KillKind): Promise<void> {
    await this.usePushPaths(kind === 'webhook' || kind === 'relay' ? kind : 'both');
    switch (kind) {
      case 'mid_create':
        return this.killMidCreate();
      case 'awaiting':
        return this.killWhileAwaiting();
      case 'refund':
        return this.killDuringRefund();
      case 'webhook':
      case 'relay':
        return this.killDuringPush();
    }
  }

  /** A random moment within a create's usual duration (so most kills land while it is in flight). */
  private createWindowMs(): number {
    const sorted = [...this.createLatencies].sort((a, b) => a - b);
    const median = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)] : 60;
    return this.random.int(0, Math.max(20, Math.round(median * 1.3)));
  }

  private async killMidCreate(): Promise<void> {
    const charge = this.newCharge();
    const attempt = this.attemptCharge(charge);
    await delay(this.createWindowMs());
    await this.killTill();
    await attempt;
    if (!charge.done) this.midCreateUnanswered += 1;
  }

  private async killWhileAwaiting(): Promise<void> {
    const charge = await this.aliveSale();
    if (!charge) {
      await this.killTill();
      return;
    }
    charge.touched = true;
    const move = this.random.weighted({ idle: 2, pay_while_dead: 3, cancel: 2, pay_then_kill: 3 });
    if (move === 'idle') {
      await delay(this.random.int(0, 300));
      await this.killTill();
    } else if (move === 'pay_while_dead') {
      await this.killTill();
      await this.payer(charge, this.randomPayerAction());
    } else if (move === 'cancel') {
      this.journal({ step: 'cancel', saleId: charge.saleId });
      const cancel = this.client.rest('POST', `/payments/${charge.saleId}/cancel`).catch(() => null);
      await delay(this.random.int(0, 60));
      await this.killTill();
      await cancel;
    } else {
      await this.payer(charge, this.randomPayerAction());
      await delay(this.random.int(0, 100));
      await this.killTill();
    }
  }

  private async killDuringRefund(): Promise<void> {
    const sale = await this.paidSale();
    if (!sale || !(await this.signedIn())) {
      await this.killTill();
      return;
    }
    // Sometimes the customer answers Stripe's email for an earlier refund at the same moment.
    if (this.stripeRefundIds.length > 0 && this.random.chance(0.4)) {
      const refund = this.random.pick(this.stripeRefundIds);
      const action = this.random.pick(['bank_details_submitted', 'succeed', 'fail'] as const);
      this.journal({ step: `refund_customer_${action}`, refund, moved: await this.sim.refund(refund, action) });
    }
    const amount = this.random.chance(0.5) ? sale.left : this.random.int(1, sale.left);
    this.journal({ step: 'refund', saleId: sale.saleId, amount });
    const create = this.client
      .pos<{ id: string; stripeRefundId: string | null }>('refunds.create', { saleId: sale.saleId, amount })
      .catch((error: unknown) => (error instanceof NoAnswer ? null : Promise.reject(error)));
    await delay(this.random.int(0, 80));
    await this.killTill();
    const result = await create;
    this.journal({ step: 'refund_answer', saleId: sale.saleId, result });
    if (result === null) {
      this.refundsUnanswered += 1;
      sale.left = 0; // unknown now; the till's own refundable check would refuse an excess anyway
    } else if (result.ok) {
      this.refundsCreated += 1;
      sale.left -= amount;
      if (result.value.stripeRefundId) this.stripeRefundIds.push(result.value.stripeRefundId);
    }
  }

  private async killDuringPush(): Promise<void> {
    const charge = await this.aliveSale();
    if (!charge) {
      await this.killTill();
      return;
    }
    charge.touched = true;
    const fault = this.random.weighted({ none: 5, delay: 3, duplicate: 2 });
    if (fault === 'delay') await this.sim.delayNextWebhooks(this.random.int(20, 400), 2);
    if (fault === 'duplicate') await this.sim.duplicateNextWebhooks(1);
    this.journal({ step: 'webhook_fault', fault });
    await this.payer(charge, this.random.weighted<PayerAction>({ succeed: 3, fail: 1, expire: 1 }));
    await delay(this.random.int(0, 120));
    await this.killTill();
  }

  /** While the till is down, the world goes on: sometimes a customer pays (or fails) a pending QR. */
  private async offlineWorld(): Promise<void> {
    if (!this.random.chance(0.25)) return;
    const fresh = this.charges.filter((charge) => charge.qrShown && !charge.touched && charge.paymentIntentId);
    if (fresh.length === 0) return;
    const charge = this.random.pick(fresh);
    charge.touched = true;
    await this.payer(charge, this.randomPayerAction());
  }

  private randomPayerAction(): PayerAction {
    return this.random.weighted<PayerAction>({ succeed: 4, fail: 1, expire: 1 });
  }

  private async payer(charge: Charge, action: PayerAction): Promise<void> {
    const moved = await this.sim.payer(charge.paymentIntentId!, action);
    this.journal({ step: `customer_${action}`, saleId: charge.saleId, paymentIntentId: charge.paymentIntentId, moved });
    if (moved && action === 'succeed') this.paid.push({ saleId: charge.saleId!, left: charge.body.amount });
  }

  /** A sale the till shows as paid with something left to refund (paying a new one if needed). */
  private async paidSale(): Promise<PaidSale | null> {
    const candidates = this.paid.filter((sale) => sale.left > 0);
    const known = candidates.length > 0 && this.random.chance(0.6) ? this.random.pick(candidates) : null;
    if (known && (await this.client.waitForSale(known.saleId, (status) => status === 'succeeded', 5_000))) return known;
    const charge = await this.aliveSale();
    if (!charge) return null;
    charge.touched = true;
    await this.payer(charge, 'succeed');
    const seen = await this.client.waitForSale(charge.saleId!, (status) => status === 'succeeded', 10_000);
    return seen ? (this.paid.find((sale) => sale.saleId === charge.saleId) ?? null) : null;
  }

  /** Sessions do not outlive the till process: sign the owner in again when needed. */
  private async signedIn(): Promise<boolean> {
    const status = await this.client.pos<{ user: unknown }>('auth.status', {});
    if (status.ok && status.value.user) return true;
    const signIn = await this.client.pos('auth.signIn', { cashierId: this.ownerId, pin: OWNER.pin });
    if (!signIn.ok) this.notes.push(`owner sign-in failed: ${signIn.error.message}`);
    return signIn.ok;
  }

  /** Routes Stripe's events to the till directly, through the relay only, or both. */
  private async usePushPaths(paths: 'both' | 'webhook' | 'relay'): Promise<void> {
    if (paths === this.pushPaths) return;
    await this.sim.setWebhookEndpointEnabled(this.endpoints.webhook, paths !== 'relay');
    await this.sim.setWebhookEndpointEnabled(this.endpoints.relay, paths !== 'webhook');
    this.pushPaths = paths;
  }

  // ---- the verdict -------------------------------------------------------------------------------

  private async finish(began: number, progress: (line: string) => void): Promise<CrashRunResult> {
    const killPoints = this.options.killPoints;
    for (let round = 0; round < 3 && this.charges.some((charge) => !charge.done); round += 1) await this.retryUnanswered();
    const faults = await this.faults.finish();
    await this.sim.clearWebhookFaults();
    await this.usePushPaths('both');
    // The final reconcile: one more restart (without faults), then wait until the till and Stripe agree.
    progress('final reconcile');
    await this.killTill();
    await this.restartTill();
    const ledgerFile = path.join(this.runDir, 'till', 'ledger.sqlite3');
    const stripe = stripeClient(this.sim.baseUrl);
    const settleBegan = performance.now();
    let verdict: Verdict;
    for (;;) {
      verdict = judge(this.callerSaleIds, readLedger(ledgerFile), await readStripe(stripe));
      const settled = verdict.disagreements.length === 0 && verdict.refundProblems.length === 0 && verdict.unresolvedSales === 0;
      if (settled || performance.now() - settleBegan > SETTLE_TIMEOUT_MS) break;
      // The till follows Stripe by push and polling: look again after its next event (or a second).
      await this.client.nextEvent(1_000);
    }
    const settleSeconds = (performance.now() - settleBegan) / 1000;
    // The caller's own view: every sale id it was given still answers.
    const unanswerable: string[] = [];
    for (const saleId of this.callerSaleIds) {
      const answer = await this.client.rest('GET', `/payments/${saleId}`).catch(() => null);
      if (answer?.status !== 200) unanswerable.push(saleId);
    }
    await this.killTill();
    const integrity = integrityCheck(ledgerFile);
    // For a post-mortem: Stripe's whole event log next to the ledger and the journal.
    writeFileSync(path.join(this.runDir, 'stripe-events.json'), JSON.stringify(await listAllEvents(stripe), null, 1));
    const deliveries = { webhook: await this.sim.deliveryOutcomes(this.endpoints.webhook), relay: await this.sim.deliveryOutcomes(this.endpoints.relay) };
    return this.summarise({ began, killPoints, faults, verdict, integrity, unanswerable, settleSeconds, deliveries });
  }

  private summarise(input: {
    began: number;
    killPoints: number;
    faults: { fired: number; requests: number; rate: number };
    verdict: Verdict;
    integrity: string;
    unanswerable: string[];
    settleSeconds: number;
    deliveries: Record<string, Record<string, number>>;
  }): CrashRunResult {
    const { verdict, faults } = input;
    const kills = Object.values(this.killsByKind).reduce((a, b) => a + b, 0);
    const retriesAfterCrash = Object.values(this.retryOutcomes).reduce((a, b) => a + b, 0);
    const startMs = [...this.till.startMs].sort((a, b) => a - b);
    const failures: string[] = [];
    const expect = (ok: boolean, message: string) => {
      if (!ok) failures.push(message);
    };
    expect(verdict.lostSales.length === 0 && input.unanswerable.length === 0, `${verdict.lostSales.length + input.unanswerable.length} lost sales`);
    expect(verdict.duplicatePaymentIntents.length === 0, `${verdict.duplicatePaymentIntents.length} sales with duplicate PaymentIntents`);
    expect(verdict.orphanPaymentIntents.length === 0, `${verdict.orphanPaymentIntents.length} PaymentIntents without a sale in the ledger`);
    expect(verdict.disagreements.length === 0, `${verdict.disagreements.length} sales where the till and Stripe disagree`);
    expect(verdict.refundProblems.length === 0, `${verdict.refundProblems.length} refund problems`);
    // Receipt numbers per till are exactly 1..N over the paid sales, whatever the kills interrupted.
    expect(verdict.receiptProblems.length === 0, `${verdict.receiptProblems.length} receipt number problems`);
    // After a fault-free restart every sale must come to rest: shown with its QR, or finished.
    expect(verdict.unresolvedSales === 0, `${verdict.unresolvedSales} sales still 'created' (no PaymentIntent) after the final reconcile`);
    expect(input.integrity === 'ok', `PRAGMA integrity_check: ${input.integrity}`);
    expect(kills >= input.killPoints, `only ${kills} kill points`);
    expect(faults.rate >= 0.2, `fault rate ${faults.rate.toFixed(3)} below 0.2`);
    const summary = {
      seed: this.options.seed,
      durationSeconds: Math.round((performance.now() - input.began) / 100) / 10,
      killPoints: { total: kills, byKind: this.killsByKind, midCreateWithoutAnswer: this.midCreateUnanswered },
      tillStarts: { count: this.till.starts, failed: this.startFailures, medianMs: Math.round(startMs[Math.floor(startMs.length / 2)] ?? 0), maxMs: Math.round(startMs.at(-1) ?? 0) },
      stripeFaults: { fired: faults.fired, requests: faults.requests, rate: Math.round(faults.rate * 1000) / 1000, injectedByKind: this.faults.byKind },
      // Stripe's deliveries to the till's webhook and to the relay; failed attempts met a dead till.
      webhookDeliveries: input.deliveries,
      charges: {
        total: this.charges.length,
        callerGotSaleId: this.callerSaleIds.size,
        refused: this.refusals,
        gaveUp: this.charges.filter((c) => c.refusal === 'gave up').length,
      },
      idempotentRetriesAfterCrash: { total: retriesAfterCrash, ...this.retryOutcomes },
      receiptNumbers: { paidSales: verdict.paidSalesNumbered, problems: verdict.receiptProblems.length },
      refunds: { created: this.refundsCreated, unanswered: this.refundsUnanswered, inLedger: verdict.refundsChecked, problems: verdict.refundProblems.length },
      lostSales: verdict.lostSales.length + input.unanswerable.length,
      duplicatePaymentIntents: verdict.duplicatePaymentIntents.length,
      orphanPaymentIntents: verdict.orphanPaymentIntents.length,
      tillDisagreesWithStripe: verdict.disagreements.length,
      unresolvedSales: verdict.unresolvedSales,
      salesInLedger: verdict.salesChecked,
      paymentIntentsAtStripe: verdict.paymentIntents,
      settleSeconds: Math.round(input.settleSeconds * 10) / 10,
      secondsByPhase: Object.fromEntries(Object.entries(this.phaseMs).map(([phase, ms]) => [phase, Math.round(ms / 100) / 10])),
      integrityCheck: input.integrity,
      pass: failures.length === 0,
      failures,
      examples: {
        lostSales: [...verdict.lostSales, ...input.unanswerable].slice(0, 10),
        duplicatePaymentIntents: verdict.duplicatePaymentIntents.slice(0, 10),
        orphanPaymentIntents: verdict.orphanPaymentIntents.slice(0, 10),
        disagreements: verdict.disagreements.slice(0, 10),
        unresolvedSales: verdict.unresolvedSaleIds.slice(0, 10),
        refundProblems: verdict.refundProblems.slice(0, 10),
        receiptProblems: verdict.receiptProblems.slice(0, 10),
        notes: this.notes.slice(0, 20),
      },
      runDir: this.runDir,
    };
    return { summary, pass: failures.length === 0, failures, runDir: this.runDir };
  }
}
