// Wires the core together: ledger, Stripe gateway (or the embedded simulator in demo mode), the
// payment service and the operation handlers. Reconciles unfinished sales before returning, so no
// host can accept a new sale while an old one is unsettled.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { AppInfo, PosEvent } from '../../shared/pos-contract';
import { PosError } from '../../shared/pos-error';
import { createDispatcher, type PosHandlers } from './api/pos-dispatch';
import type { CoreConfig } from './config/core-config';
import { DEMO_SECRET_KEY, startEmbeddedSimulator } from './demo/embedded-simulator';
import { AuditLog } from './ledger/audit-log';
import { openLedger } from './ledger/open-ledger';
import { SalesRepository } from './ledger/sales-repository';
import { PaymentService } from './payments/payment-service';
import type { PollSchedule } from './payments/poll-schedule';
import type { PosCore } from './pos-core-types';
import { createStripeGateway } from './stripe/stripe-gateway';
import packageJson from '../../package.json';

export const APP_VERSION: string = packageJson.version;

export interface StartCoreOptions {
  /** Tests use a faster schedule; production uses the adaptive default. */
  pollSchedule?: PollSchedule;
  log?: (message: string) => void;
}

export async function startCore(config: CoreConfig, options: StartCoreOptions = {}): Promise<PosCore> {
  const log = options.log ?? ((message: string) => console.log(message));
  const sim = config.stripeSecretKey ? null : await startEmbeddedSimulator(config);
  const db = openLedger(path.join(config.dataDir, 'ledger.sqlite3'));
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const emit = (event: PosEvent) => events.emit('event', event);

  const gateway = createStripeGateway({
    secretKey: config.stripeSecretKey ?? DEMO_SECRET_KEY,
    apiBase: sim ? sim.url : config.stripeApiBase,
  });
  const repository = new SalesRepository(db);
  const payments = new PaymentService({
    repository,
    audit: new AuditLog(db),
    gateway,
    tillId: config.tillId,
    shopEmail: config.shopEmail,
    qrTimeoutMs: config.qrTimeoutSeconds * 1000,
    pollSchedule: options.pollSchedule,
    onSaleUpdated: (sale) => emit({ type: 'sale.updated', data: sale }),
  });

  const info: AppInfo = {
    demo: sim !== null,
    shopName: config.shopName,
    tillId: config.tillId,
    qrTimeoutSeconds: config.qrTimeoutSeconds,
    version: APP_VERSION,
    mode: sim ? 'demo' : config.stripeSecretKey!.startsWith('sk_live_') ? 'live' : 'test',
  };

  const handlers: PosHandlers = {
    'app.info': () => info,
    'sales.charge': (input, context) => payments.charge({ ...input, source: 'till', cashier: context.cashier ?? null }),
    'sales.cancel': (input) => payments.cancel(input.saleId, 'cashier'),
    'sales.get': (input) => payments.get(input.saleId),
    'sales.list': (input) => payments.list(input.limit ?? 20),
    'sales.current': () => payments.current(),
    'demo.simulate': async (input) => {
      if (!sim) throw new PosError('not_demo_mode', 'Simulating the customer only works in demo mode.');
      const sale = payments.get(input.saleId);
      if (sale.status !== 'awaiting_payment' || !sale.paymentIntentId) {
        throw new PosError('conflict', 'Only a sale awaiting payment can be simulated.');
      }
      await sim[input.outcome](sale.paymentIntentId);
      // Do not wait for the next poll: read Stripe's answer now, as a webhook would deliver it.
      return payments.observePaymentIntent(await gateway.retrievePaymentIntent(sale.paymentIntentId), 'poll') ?? sale;
    },
  };
  const dispatch = createDispatcher(handlers, (error) => log(`Unexpected error: ${error instanceof Error ? error.stack : String(error)}`));

  await payments.reconcileUnfinished();

  return {
    config,
    dispatch,
    subscribe(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    payments: {
      charge: (request) => payments.charge(request),
      cancel: (saleId) => payments.cancel(saleId, 'api'),
      find: (id) => {
        const record = payments.find(id);
        return record ? payments.get(record.id) : null;
      },
      metadataOf: (saleId) => payments.find(saleId)?.metadata ?? {},
    },
    simulatorUrl: sim?.url ?? null,
    async close() {
      await payments.close();
      db.close();
      await sim?.close();
    },
  };
}
