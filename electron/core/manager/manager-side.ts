// Wires the manager's side of the core: settings, cashiers and sessions, history, refunds, reports,
// exports, audit and backups; returns their operation handlers, the access check for the dispatcher,
// and the facade the HTTP routes (report API, export downloads) and the push path use.
import { RECEIPT_SETTING_DEFAULTS } from '../../../shared/receipt';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { AppInfo, PosEvent } from '../../../shared/pos-contract';
import { PosError } from '../../../shared/pos-error';
import packageJson from '../../../package.json';
import type { DailyReport, ExportFormat, PeriodReport, Refund, ShopSettings } from '../../../shared/manager-types';
import type { Authorize, PosHandlers } from '../api/pos-dispatch';
import { AuthService, ownerOnly } from '../auth/auth-service';
import { CashierRepository } from '../auth/cashier-repository';
import { checkBackupFolder, LedgerBackup, RESTORE_IN_PROGRESS } from '../backup/ledger-backup';
import { BackupSchedule } from '../backup/backup-schedule';
import { stripeModeOf, type CoreConfig } from '../config/core-config';
import { ExportService, checkExportRange, writeExport } from '../exports/export-service';
import { listAudit } from '../history/audit-query';
import { saleDetail } from '../history/sale-detail';
import { searchSales } from '../history/sale-search';
import type { AuditLog } from '../ledger/audit-log';
import type { LedgerDb } from '../ledger/open-ledger';
import type { SalesRepository } from '../ledger/sales-repository';
import type { CallContext } from '../pos-core-types';
import type { CashDrawer, ChargeRefusal } from '../payments/payment-service';
import { RefundRepository } from '../refunds/refund-repository';
import { RefundService, type RefundInputSource } from '../refunds/refund-service';
import { dailyReport } from '../reports/daily-report';
import { periodReport } from '../reports/period-report';
import { DEFAULT_TIME_ZONE, SettingsStore } from '../settings/settings-store';
import { keyFingerprint, ledgerScope, StripeBindingStore } from '../settings/stripe-binding';
import { createStripeAccountProbe } from '../stripe/stripe-account';
import type { RefundSnapshot, StripeGateway } from '../stripe/stripe-gateway';
import { StripeChangeGate, type StripeStatus } from './stripe-change';

export type ManagerOperation =
  | 'auth.status' | 'auth.setupOwner' | 'auth.signIn' | 'auth.signOut' | 'auth.elevate'
  | 'cashiers.directory' | 'cashiers.list' | 'cashiers.create' | 'cashiers.update'
  | 'sales.search' | 'sales.detail' | 'refunds.create' | 'refunds.get'
  | 'reports.daily' | 'reports.period' | 'reports.export' | 'reports.exportStatus'
  | 'settings.get' | 'settings.update' | 'backup.run' | 'backup.list' | 'backup.restore' | 'audit.list'
  | 'app.info' | 'stripe.approveChange';

/** What the HTTP routes and the push path need from the manager's side. */
export interface ManagerFacade {
  settings(): ShopSettings;
  dailyReport(date: string, tillId?: string | null): DailyReport;
  /** A row per business day of `from`..`to` (at most MAX_PERIOD_REPORT_DAYS) and their totals. */
  periodReport(range: { from: string; to: string; tillId?: string | null }): PeriodReport;
  /** Writes the report of `from`..`to` in `format` into `out` (the REST API streams it). */
  writeReport(format: ExportFormat, range: { from: string; to: string; tillId?: string | null }, out: Writable): Promise<void>;
  /** An export's finished file, for the same client while it is signed in as a manager. */
  exportFile(jobId: string, clientKey: string | undefined): { file: string; fileName: string; contentType: string } | null;
  /** Refund news from webhooks (`refund.*`, `charge.refunded`) or the relay. */
  observeStripeRefund(snapshot: RefundSnapshot, via: RefundInputSource): Refund | null;
  /** Records an action of an integration (REST) caller in the audit log. */
  audit(action: string, detail: unknown): void;
}

export interface ManagerSideOptions {
  config: CoreConfig;
  db: LedgerDb;
  ledgerFile: string;
  gateway: StripeGateway;
  sales: SalesRepository;
  audit: AuditLog;
  emit: (event: PosEvent) => void;
  log: (message: string) => void;
  /**
   * Settles the restored ledger with Stripe (event log, then every unfinished sale) after a restore
   * replaced the ledger's contents, before the till takes charges again.
   */
  afterRestore: () => Promise<void>;
  refundPollDelayMs?: (attempt: number) => number;
  /** The till's cash drawer (its open shift): cash refunds are handed back from it. */
  drawer?: CashDrawer;
}

export interface ManagerSide {
  handlers: Pick<PosHandlers, ManagerOperation>;
  authorize: Authorize;
  settings: SettingsStore;
  facade: ManagerFacade;
  /**
   * Why new charges are refused right now, or null: a restore is replacing the ledger, the Stripe key's
   * account or mode differs from the ledger's and no manager has approved it yet (or is being checked),
   * or a restricted key may not create PaymentIntents.
   */
  chargesRefused(): ChargeRefusal | null;
  /** What the till, both screens and the REST API are told about the app (and about Stripe). */
  appInfo(): AppInfo;
  stripeStatus(): StripeStatus;
  /** After the till has reconciled: follow open refunds, arm the daily backup. */
  start(): void;
  close(): Promise<void>;
}

/** A logo as the audit log records it: whether one is set and its size, never the picture. */
function logoNote(logo: string | null): string | null {
  return logo === null ? null : `${logo.slice(5, logo.indexOf(';'))}, ${logo.length} characters`;
}

export function createManagerSide(options: ManagerSideOptions): ManagerSide {
  const { config, db, audit } = options;
  const settings = new SettingsStore(db, {
    shopName: config.shopName,
    timeZone: DEFAULT_TIME_ZONE,
    qrTimeoutSeconds: config.qrTimeoutSeconds,
    backupFolder: null,
    backupTime: null,
    dayStartHour: 0,
    promptPayId: null,
    ...RECEIPT_SETTING_DEFAULTS,
  });
  const timeZone = () => settings.get().timeZone;
  const dayStartHour = () => settings.get().dayStartHour;
  const stripeMode = stripeModeOf(config.stripeSecretKey);
  const stripeGate = new StripeChangeGate({
    bindings: new StripeBindingStore(db),
    audit,
    running: { mode: stripeMode, keyFingerprint: keyFingerprint(config.stripeSecretKey) },
    probe: config.stripeSecretKey ? createStripeAccountProbe({ secretKey: config.stripeSecretKey, apiBase: config.stripeApiBase }) : null,
    log: options.log,
  });
  // Asked now, alongside the start's reconciliation. Only a key other than the ledger's makes charges
  // wait for Stripe's answer.
  void stripeGate.check();
  const auth = new AuthService({ cashiers: new CashierRepository(db), audit, timeZone });
  const refunds = new RefundService({
    db,
    refunds: new RefundRepository(db),
    sales: options.sales,
    gateway: options.gateway,
    audit,
    tillId: config.tillId,
    pollDelayMs: options.refundPollDelayMs,
    drawer: options.drawer,
    onRefundUpdated: (refund) => options.emit({ type: 'refund.updated', data: refund }),
  });
  const exports = new ExportService({
    db,
    audit,
    exportDir: path.join(config.dataDir, 'exports'),
    shopName: () => settings.get().shopName,
    timeZone,
    dayStartHour,
    onProgress: (job) => options.emit({ type: 'export.progress', data: job }),
  });
  const backup = new LedgerBackup({
    db,
    ledgerFile: options.ledgerFile,
    defaultFolder: path.join(config.dataDir, 'backups'),
    folder: () => settings.get().backupFolder,
    timeZone,
    saleInProgress: () => options.sales.unfinished().length > 0,
    onRestored: async () => {
      settings.reload();
      // The restored ledger carries its own binding: a different account or mode waits for a manager.
      await stripeGate.check();
      schedule.arm();
      refunds.resumeOpen();
      await options.afterRestore();
    },
  });
  const schedule = new BackupSchedule(
    () => settings.get(),
    async () => {
      const info = await backup.run();
      audit.record({ actor: 'schedule', action: 'backup.run', detail: { file: info.file, bytes: info.bytes, integrity: info.integrity } });
    },
    options.log,
  );
  const unsubscribeSettings = settings.onChange(() => schedule.arm());

  const actor = (context: CallContext) => context.cashier ?? null;
  const requireOwner = (context: CallContext, what: string) => {
    if (!auth.signedInUser(context.clientKey)?.owner) throw ownerOnly(what);
  };
  const handlers: ManagerSide['handlers'] = {
    'auth.status': (_input, context) => auth.status(context.clientKey),
    'auth.setupOwner': (input, context) => auth.setupOwner(input, context.clientKey),
    'auth.signIn': (input, context) => auth.signIn(input, context.clientKey, context.clientAddress),
    'auth.signOut': (_input, context) => auth.signOut(context.clientKey),
    'auth.elevate': (input, context) => auth.elevate(input, context.clientKey, context.clientAddress),
    'cashiers.directory': () => auth.directory(),
    'cashiers.list': () => auth.list(),
    'cashiers.create': (input, context) => auth.create(input, context.clientKey),
    'cashiers.update': (input, context) => auth.update(input, context.clientKey),
    'sales.search': (input) => searchSales(db, options.sales, input, timeZone(), settings.get().dayStartHour),
    'sales.detail': (input) => saleDetail(db, options.sales, refunds, input.saleId),
    'refunds.create': (input, context) => {
      // Money goes back through the account it came in by: a sale of another mode or account is not
      // this key's to refund (Stripe would not know it, or worse, it would be the wrong account's).
      const sale = options.sales.get(input.saleId);
      const scope = ledgerScope(db);
      if (sale && (sale.mode !== scope.mode || (sale.account ?? null) !== scope.account)) {
        throw new PosError('conflict', `This sale was taken in ${sale.mode ?? 'an unrecorded'} mode${sale.account ? ` (${sale.account})` : ''}; the till now runs in ${scope.mode ?? 'an unrecorded'} mode${scope.account ? ` (${scope.account})` : ''}. Refund it from the Stripe account that took it. Nothing was refunded.`, 'saleId');
      }
      return refunds.create(input, actor(context));
    },
    'refunds.get': (input) => refunds.get(input.refundId),
    'reports.daily': (input) => dailyReport(db, { date: input.date, timeZone: timeZone(), dayStartHour: dayStartHour(), tillId: input.tillId ?? null }),
    'reports.period': (input) =>
      periodReport(db, { from: input.from, to: input.to, timeZone: timeZone(), dayStartHour: dayStartHour(), tillId: input.tillId ?? null }),
    'reports.export': (input, context) =>
      exports.start(input, { clientKey: context.clientKey ?? null, actor: actor(context), desktop: context.transport === 'ipc' }),
    'reports.exportStatus': (input, context) => exports.status(input.jobId, context.clientKey ?? null),
    'settings.get': () => settings.get(),
    'settings.update': (input, context) => {
      // Where backups go is where a restore reads from: the owner's decision alone.
      if (input.backupFolder !== undefined) requireOwner(context, 'settings.update backupFolder');
      const patch = typeof input.backupFolder === 'string' ? { ...input, backupFolder: checkBackupFolder(input.backupFolder) } : input;
      // A VAT-registered shop prints tax invoices, which must carry its tax ID.
      const vatAfter = { ...settings.get(), ...patch };
      if (vatAfter.vatRegistered && !vatAfter.taxId) throw new PosError('invalid_input', 'A VAT-registered shop needs its tax ID: set taxId (13 digits) first.', 'taxId');
      const { before, after } = settings.update(patch);
      const changed = Object.fromEntries(
        Object.keys(input).map((key) => [key, { from: before[key as keyof ShopSettings], to: after[key as keyof ShopSettings] }]),
      );
      // A logo is tens of kilobytes: the audit log says it changed and its size, not the picture.
      if (changed.shopLogo) changed.shopLogo = { from: logoNote(before.shopLogo), to: logoNote(after.shopLogo) };
      audit.record({ actor: actor(context), action: 'settings.update', detail: changed });
      return after;
    },
    'backup.run': async (input, context) => {
      if (input.folder !== undefined) requireOwner(context, 'backup.run to another folder');
      const info = await backup.run(input.folder);
      audit.record({ actor: actor(context), action: 'backup.run', detail: { file: info.file, bytes: info.bytes, integrity: info.integrity } });
      return info;
    },
    'backup.list': () => backup.list(),
    'backup.restore': async (input, context) => {
      try {
        const info = await backup.restore(input.file);
        // Written into the restored ledger, so the record survives with it.
        audit.record({ actor: actor(context), action: 'backup.restore', detail: { file: info.file } });
        return info;
      } catch (error) {
        audit.record({ actor: actor(context), action: 'backup.restore_refused', detail: { file: input.file, reason: error instanceof Error ? error.message : String(error) } });
        throw error;
      }
    },
    'audit.list': (input) => listAudit(db, input),
    'app.info': () => appInfo(),
    'stripe.approveChange': async (input, context) => {
      if (!stripeGate.isPending()) throw new PosError('conflict', 'There is no change of Stripe account or mode waiting for approval.');
      const manager = await auth.approveAsManager(input.pin, context.clientKey, context.clientAddress);
      stripeGate.approve(manager);
      return appInfo();
    },
  };

  function appInfo(): AppInfo {
    const current = settings.get();
    return {
      demo: config.stripeSecretKey === null,
      shopName: current.shopName,
      tillId: config.tillId,
      qrTimeoutSeconds: current.qrTimeoutSeconds,
      timeZone: current.timeZone,
      dayStartHour: current.dayStartHour,
      version: packageJson.version,
      mode: stripeMode,
      stripe: stripeGate.status(),
      promptPayReady: current.promptPayId !== null,
      sound: current.sound,
      autoPrintReceipt: current.autoPrintReceipt,
    };
  }

  const facade: ManagerFacade = {
    settings: () => settings.get(),
    dailyReport: (date, tillId) => dailyReport(db, { date, timeZone: timeZone(), dayStartHour: dayStartHour(), tillId: tillId ?? null }),
    periodReport: (range) => periodReport(db, { from: range.from, to: range.to, timeZone: timeZone(), dayStartHour: dayStartHour(), tillId: range.tillId ?? null }),
    writeReport: async (format, range, out) => {
      checkExportRange(range.from, range.to);
      await writeExport(db, format, { ...range, tillId: range.tillId ?? null, timeZone: timeZone(), dayStartHour: dayStartHour() }, settings.get().shopName, out);
    },
    exportFile: (jobId, clientKey) => (auth.status(clientKey).effectiveRole === 'manager' ? exports.fileFor(jobId, clientKey ?? null) : null),
    observeStripeRefund: (snapshot, via) => refunds.observeStripeRefund(snapshot, via),
    audit: (action, detail) => audit.record({ actor: 'api', action, detail }),
  };

  return {
    handlers,
    authorize: (access, context, op) => auth.authorize(access, context, op),
    settings,
    facade,
    chargesRefused: () => {
      if (backup.restoreInProgress()) return { field: 'maintenance', message: RESTORE_IN_PROGRESS };
      const stripeRefusal = stripeGate.chargesRefused();
      return stripeRefusal === null ? null : { field: 'stripe_account', message: stripeRefusal };
    },
    appInfo,
    stripeStatus: () => stripeGate.status(),
    start() {
      refunds.resumeOpen();
      schedule.arm();
    },
    async close() {
      stripeGate.close();
      unsubscribeSettings();
      schedule.stop();
      await Promise.all([refunds.close(), exports.close()]);
    },
  };
}
