// Operation names without their schemas: the Electron preload imports this (it must stay tiny) to
// expose one named function per operation. A unit test checks it matches posOperations.
export const POS_OPERATION_NAMES = [
  'app.info',
  'sales.charge',
  'sales.cancel',
  'sales.get',
  'sales.list',
  'sales.current',
  'demo.simulate',
] as const;

export const POS_EVENT_NAMES = ['sale.updated'] as const;

/** IPC channel names, derived, so preload and main cannot disagree. */
export const ipcChannelFor = (op: string): string => `pos:${op}`;
export const IPC_EVENT_CHANNEL = 'pos:event';
