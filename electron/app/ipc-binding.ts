// Connects the contract to Electron IPC: one ipcMain handler per operation, and core events pushed to
// every window. A call is served only when it comes from one of our windows showing an app://pos/ page;
// the customer display's window gets the customer feed only (customer-window-feed.ts).
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { PosCore } from '../core/pos-core-types';
import type { PosResult } from '../../shared/pos-error';
import { IPC_EVENT_CHANNEL, POS_OPERATION_NAMES, ipcChannelFor } from '../../shared/pos-operation-names';
import { isAppUrl } from './app-url';
import { CustomerWindowFeed } from './customer-window-feed';
import { describeError } from './log-redaction';

export const FORBIDDEN_RESULT: PosResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This window is not allowed to use the POS.' },
};

const INTERNAL_RESULT: PosResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'Something went wrong in the POS. Please try again.' },
};

export interface IpcBindingOptions {
  core: Pick<PosCore, 'dispatch' | 'subscribe'>;
  /** The live windows; read on every call so windows created later are included. */
  windows: () => readonly BrowserWindow[];
  /** Those of them that face the customer: the customer feed only. */
  customerWindows?: () => readonly BrowserWindow[];
  operationNames?: readonly string[];
}

type SenderInfo = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export function isTrustedSender(event: SenderInfo, windows: readonly BrowserWindow[]): boolean {
  // senderFrame is null when the frame navigated away or was destroyed before we looked.
  const frame = event.senderFrame;
  if (!frame || !isAppUrl(frame.url)) return false;
  return windows.some((window) => !window.isDestroyed() && window.webContents.id === event.sender.id);
}

/** Registers the handlers and the event forwarding; returns a function undoing both. */
export function bindIpc({ core, windows, customerWindows = () => [], operationNames = POS_OPERATION_NAMES }: IpcBindingOptions): () => void {
  const feed = new CustomerWindowFeed();
  const isCustomerWindow = (id: number) => customerWindows().some((window) => !window.isDestroyed() && window.webContents.id === id);
  for (const op of operationNames) {
    ipcMain.handle(ipcChannelFor(op), async (event, input: unknown): Promise<PosResult<unknown>> => {
      if (!isTrustedSender(event, windows())) {
        console.warn(`[ipc] refused ${op} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return FORBIDDEN_RESULT;
      }
      const customer = isCustomerWindow(event.sender.id);
      if (customer && !feed.mayCall(op)) {
        console.warn(`[ipc] refused ${op} from the customer display (it gets the customer feed only)`);
        return FORBIDDEN_RESULT;
      }
      try {
        // The window is both the session's key and the caller PIN failures are counted against.
        const windowKey = `ipc:${event.sender.id}`;
        const result = await core.dispatch(op, input, { transport: 'ipc', clientKey: windowKey, clientAddress: windowKey });
        return customer ? feed.result(op, result) : result;
      } catch (error) {
        // The core promises never to throw; if it does anyway, the renderer gets a plain error, not the stack.
        console.error(`[ipc] ${op} threw: ${describeError(error)}`);
        return INTERNAL_RESULT;
      }
    });
  }
  const unsubscribe = core.subscribe((event) => {
    // Worked out once per event, so the feed follows the current sale whether or not its window is open.
    const forCustomer = feed.event(event);
    for (const window of windows()) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      const shown = isCustomerWindow(window.webContents.id) ? forCustomer : event;
      if (shown) window.webContents.send(IPC_EVENT_CHANNEL, shown);
    }
  });
  return () => {
    unsubscribe();
    for (const op of operationNames) ipcMain.removeHandler(ipcChannelFor(op));
  };
}
