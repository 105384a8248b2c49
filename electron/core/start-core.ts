// Wires the core together: ledger, Stripe gateway (or the embedded simulator in demo mode), the
// payment service and the operation handlers. Reconciles unfinished sales before returning, so no
// host can accept a new sale while an old one is unsettled.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { PosEvent } from '../../shared/pos-contract';
import { PosError } from '../../shared/pos-error';
import { createShiftSide } from './shifts/shift-side';
import { createItemSide } from './items/item-side';
import { createReceiptSide, type ReceiptPrinterPort } from './receipts/receipt-side';
import { createDispatcher, type Authorize, type PosHandlers } from './api/pos-dispatch';
import { checkStartable, shopEmailWarning, stripeModeOf, type CoreConfig } from './config/core-config';
import { checkOffTillCall, DisplayPairing } from './displays/display-pairing';
import { DEMO_SECRET_KEY, startEmbeddedSimulator } from './demo/embedded-simulator';
import { AuditLog } from './ledger/audit-log';
import { openLedger } from './ledger/open-ledger';
import { SalesRepository } from './ledger/sales-repository';
import { createManagerSide } from './manager/manager-side';
import { PaymentService, type CashDrawer } from './payments/payment-service';
import { watchPollSchedule, type PollSchedule } from './payments/poll-schedule';
import { tillRoutingMetadata } from './payments/stripe-metadata';
import { WatchScheduler, type Clock } from './payments/watch-scheduler';
import { createPushPaths } from './push/start-push';
import type { PosCore } from './pos-core-types';
import { createStripeGateway } from './stripe/stripe-gateway';
import { startHeadOfficeSender, type HeadOfficeTuning } from './head-office/start-head-office';
import type { HeadOfficeSender } from './head-office/head-office-sender';
import packageJson from '../../package.json';
import { createDesktopSide, type DesktopPort } from './desktop/desktop-side';
import { createUpdateSide, type UpdatesPort } from './updates/update-side';
import { createSetupSide, type SetupHostPort } from './setup/setup-side';
import { createLogsSide, type LogsPort } from './logs/logs-side';
import { redactLogText, secretsOf } from './logs/redact-log-text';
import { applyStripePreapproval } from './setup/setup-records';
import { keyFingerprint } from './settings/stripe-binding';

export const APP_VERSION: string = packageJson.version;

export interface StartCoreOptions {
  /** How often the watcher reads Stripe's event log while a sale awaits payment and push is down. */
  pollSchedule?: PollSchedule;
  /** The watcher's clock; tests pass one they move forward themselves. */
  clock?: Clock;
  log?: (message: string) => void;
  /** How often open refunds are polled (attempt → ms); tests use a fast one. */
  refundPollDelayMs?: (attempt: number) => number;
  /** The desktop shell's printer (silent receipt printing); absent in browser mode. */
  receiptPrinter?: ReceiptPrinterPort;
  /** head office: the sender's pace (tests), and a look at the sender once it runs (null when off). */
  headOffice?: HeadOfficeTuning & { onStarted?: (sender: HeadOfficeSender | null) => void };
  /** The desktop shell's monitors and kiosk mode; absent in browser mode. */
  desktop?: DesktopPort;
  /** The desktop shell's updater (electron-updater); absent in browser mode and development. */
  updates?: UpdatesPort;
  /** Where setup keeps secrets and how the host restarts the core with them (wizard, Settings). */
  setupHost?: SetupHostPort;
  /** The desktop shell's log folder (path, open it); absent in browser mode, whose log is the host's output. */
  logs?: LogsPort;
}

export async function startCore(config: CoreConfig, options: StartCoreOptions = {}): Promise<PosCore> {
  // Every line the core writes passes the redaction (patterns, and this configuration's own secrets by
  // value), whichever host supplied the log.
  const hostLog = options.log ?? ((message: string) => console.log(message));
  const secrets = secretsOf(config);
  const log = (message: string) => hostLog(redactLogText(message, secrets));
  // Also for configurations not built by loadCoreConfig: LIVE mode needs a real shop email.
  checkStartable(config);
  const emailWarning = shopEmailWarning(config);
  if (emailWarning) log(emailWarning);
  const sim = config.stripeSecretKey ? null : await startEmbeddedSimulator(config);
  const ledgerFile = path.join(config.dataDir, 'ledger.sqlite3');
  const db = openLedger(ledgerFile);
  // One timer for everything the till watches at Stripe (event log, QR timeouts, create retries).
  const scheduler = new WatchScheduler(options.clock);
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const emit = (event: PosEvent) => events.emit('event', event);

  const gateway = createStripeGateway({
    secretKey: config.stripeSecretKey ?? DEMO_SECRET_KEY,
    apiBase: sim ? sim.url : config.stripeApiBase,
    // Every answer (or silence) from Stripe feeds the offline and clock warnings on the till.
    onLink: (link) => push.tracker.stripeLink(link.reachable, link.serverDate),
    // A relay streams the events of this till's PaymentIntents and refunds to this till only.
    tillMetadata: tillRoutingMetadata(config),
  });
  const repository = new SalesRepository(db);
  // Cash sales and cash refunds go through the open shift's drawer (the shift side, created below).
  const drawer: CashDrawer = { openShiftId: () => shifts.openShiftId(), changed: () => shifts.changed() };
  const audit = new AuditLog(db);
  // setup: a key a manager chose in setup binds the ledger before the Stripe gate compares.
  applyStripePreapproval({ db, audit, running: { mode: stripeModeOf(config.stripeSecretKey), keyFingerprint: keyFingerprint(config.stripeSecretKey) } });
  const manager = createManagerSide({
    config, db, ledgerFile, gateway, sales: repository, audit, emit, log,
    // As at start: Stripe's event log first, then every unfinished sale of the restored ledger.
    afterRestore: async () => {
      const eventLogReplayed = await push.catchUpNow({ replay: true });
      await scheduler.settled();
      await payments.reconcileUnfinished({ eventLogReplayed });
      // The restored ledger has its own open shift (or none): the till's chip shows that one.
      shifts.changed();
    },
    refundPollDelayMs: options.refundPollDelayMs,
    drawer,
  });
  const push = createPushPaths({
    config,
    db,
    gateway,
    payments: () => payments,
    scheduler,
    pollSchedule: options.pollSchedule ?? watchPollSchedule,
    livemode: stripeModeOf(config.stripeSecretKey) === 'live',
    onPathChanged: (status) => emit({ type: 'payments.path', data: status }),
    log,
  });
  // Refund events (refund.created/updated/failed) from any push path or the event log.
  push.inbox.addHandler((event, via) => (event.refund ? manager.facade.observeStripeRefund(event.refund, via) !== null : false));
  const payments: PaymentService = new PaymentService({
    repository,
    audit,
    gateway,
    tillId: config.tillId,
    shopEmail: config.shopEmail,
    // A getter: the manager may change the QR timeout in settings while the till runs.
    get qrTimeoutMs() {
      return manager.settings.get().qrTimeoutSeconds * 1000;
    },
    scheduler,
    onSaleUpdated: (sale) => emit({ type: 'sale.updated', data: sale }),
    chargesRefused: () => manager.chargesRefused(),
    onPollFoundChange: () => push.tracker.pushMissed(),
    onOpenSalesChanged: () => push.watcher.poke(),
    // Hand tenders: the drawer; the shop's own PromptPay ID from settings; a sale saved and moved together.
    drawer,
    promptPayId: () => manager.settings.get().promptPayId,
    atomically: (work) => db.transaction(work)(),
  });

  const shifts = createShiftSide({
    db, audit, tillId: config.tillId, settings: manager.settings, emit, now: () => scheduler.clock.now(), exportDir: path.join(config.dataDir, 'exports'),
  });
  const items = createItemSide({ db, audit, settings: manager.settings, now: () => scheduler.clock.now() });
  const receipts = createReceiptSide({
    db, audit, repository, gateway, settings: manager.settings, tillId: config.tillId, printer: options.receiptPrinter, exportDir: path.join(config.dataDir, 'exports'),
  });
  const desktop = createDesktopSide({ port: options.desktop, emit, audit });
  const updates = createUpdateSide({
    port: options.updates, version: packageJson.version, emit, audit,
    saleInProgress: () => repository.unfinished().length > 0,
  });
  const setup = createSetupSide({
    host: options.setupHost, emit, config, db, audit, log,
    saleInProgress: () => repository.unfinished().length > 0,
    runningAccount: () => manager.stripeStatus(),
  });
  const displays = new DisplayPairing({ db, audit, timeZone: () => manager.settings.get().timeZone });

  const handlers: PosHandlers = {
    // app.info and stripe.approveChange come from the manager side (the Stripe account gate lives there).
    ...manager.handlers,
    'sales.charge': (input, context) =>
      payments.charge({ ...input, source: 'till', cashier: context.cashier ?? null, cashierId: context.cashierId ?? null }),
    'sales.cancel': (input) => payments.cancel(input.saleId, 'cashier'),
    'sales.renew': (input) => payments.renew(input.saleId),
    'sales.get': (input) => payments.get(input.saleId),
    'sales.list': (input) => payments.list(input.limit ?? 20),
    'sales.current': () => payments.current(),
    ...shifts.handlers,
    ...items.handlers,
    ...receipts.handlers,
    ...desktop.handlers,
    ...updates.handlers,
    ...setup.handlers,
    ...createLogsSide({ port: options.logs }).handlers,
    // Hand tenders: cash, and the shop's own PromptPay QR confirmed by the cashier (never through Stripe).
    'sales.cash': (input, context) => payments.cash({ ...input, cashier: context.cashier ?? null, cashierId: context.cashierId ?? null }),
    'sales.manualQr': (input, context) => payments.manualQr({ ...input, cashier: context.cashier ?? null, cashierId: context.cashierId ?? null }),
    'sales.confirmManual': (input, context) => payments.confirmManual(input.saleId, context.cashier ?? null),
    'payments.path': () => push.tracker.status(),
    'demo.simulate': async (input) => {
      if (!sim) throw new PosError('not_demo_mode', 'Simulating the customer only works in demo mode.');
      const sale = payments.get(input.saleId);
      if (sale.status !== 'awaiting_payment' || !sale.paymentIntentId) {
        throw new PosError('conflict', 'Only a sale awaiting payment can be simulated.');
      }
      await sim[input.outcome](sale.paymentIntentId);
      // Do not wait for the watcher: read Stripe's answer now.
      return payments.refresh(sale.id, 'demo');
    },
    'displays.pairingCode': (_input, context) => displays.issueCode(context),
    'displays.pair': (input, context) => {
      if (!context.offTill) throw new PosError('conflict', 'This is the till itself; it shows the customer display without pairing.');
      return displays.pair(input, context);
    },
    'displays.list': () => displays.list(),
    'displays.unpair': (input, context) => displays.unpair(input.displayId, context),
  };
  // A caller off the till's machine may pair, and once paired read the customer feed; nothing else.
  const authorize: Authorize = (access, context, op) => {
    checkOffTillCall(op, context, displays);
    return manager.authorize(access, context, op);
  };
  const dispatch = createDispatcher(
    handlers,
    (error) => log(`Unexpected error: ${error instanceof Error ? error.stack : String(error)}`),
    authorize,
  );

  // Before the till accepts a sale: replay Stripe's event log since the oldest sale Stripe may still
  // move (events seen before included: a dedupe record is not the sale's state), then settle or
  // resume every unfinished sale.
  const eventLogReplayed = await push.catchUpNow({ replay: true });
  // The log's events are hints: wait for the reads they started (one per sale the log names).
  await scheduler.settled();
  await payments.reconcileUnfinished({ eventLogReplayed });
  push.start();
  manager.start();
  // head office: the outbox (ledger triggers) is sent to the relay; any sale or refund change wakes it.
  const headOffice = startHeadOfficeSender(config, {
    db,
    shopDay: () => ({ timeZone: manager.settings.get().timeZone, dayStartHour: manager.settings.get().dayStartHour }),
    log,
    tuning: options.headOffice,
  });
  if (headOffice) events.on('event', (event: PosEvent) => (event.type === 'sale.updated' || event.type === 'refund.updated') && headOffice.poke());
  options.headOffice?.onStarted?.(headOffice);

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
      renew: (saleId) => payments.renew(saleId),
      find: (id) => {
        const record = payments.find(id);
        return record ? payments.get(record.id) : null;
      },
      metadataOf: (saleId) => payments.find(saleId)?.metadata ?? {},
    },
    simulatorUrl: sim?.url ?? null,
    settled: () => scheduler.settled(),
    webhooks: push.receiver,
    paymentPath: () => push.tracker.status(),
    manager: manager.facade,
    displays: {
      isPaired: (clientKey) => displays.isPaired(clientKey),
      onUnpaired: (listener) => displays.onUnpaired(listener),
    },
    async close() {
      await headOffice?.stop(); // head office
      desktop.close();
      updates.close();
      setup.close();
      await push.close();
      await manager.close();
      await payments.close();
      db.close();
      await sim?.close();
    },
  };
}
