// Operation names without their schemas: the Electron preload imports this (it must stay tiny) to
// expose one named function per operation. pos-operation-names-check.ts makes `npm run typecheck`
// fail when these lists and the contract (posOperations, PosEvents) disagree.
export const POS_OPERATION_NAMES = [
  'app.info',
  'sales.charge',
  'sales.cancel',
  'sales.renew',
  'sales.get',
  'sales.list',
  'sales.current',
  'sales.cash',
  'sales.manualQr',
  'sales.confirmManual',
  'shifts.current',
  'shifts.open',
  'shifts.cashMovement',
  'shifts.close',
  'shifts.list',
  'zreports.create',
  'zreports.list',
  'zreports.get',
  'demo.simulate',
  'auth.status',
  'auth.setupOwner',
  'auth.signIn',
  'auth.signOut',
  'auth.elevate',
  'cashiers.directory',
  'cashiers.list',
  'cashiers.create',
  'cashiers.update',
  'sales.search',
  'sales.detail',
  'refunds.create',
  'refunds.get',
  'reports.daily',
  'reports.period',
  'reports.export',
  'reports.exportStatus',
  'settings.get',
  'settings.update',
  'backup.run',
  'backup.list',
  'backup.restore',
  'audit.list',
  'stripe.approveChange',
  'payments.path',
  'displays.pairingCode',
  'displays.pair',
  'displays.list',
  'displays.unpair',
] as const;

export const POS_EVENT_NAMES = ['sale.updated', 'refund.updated', 'export.progress', 'payments.path', 'shift.updated'] as const;

/** IPC channel names, derived, so preload and main cannot disagree. */
export const ipcChannelFor = (op: string): string => `pos:${op}`;
export const IPC_EVENT_CHANNEL = 'pos:event';
