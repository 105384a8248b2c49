// Builds window.pos from the operation names: one named function per operation, nested by the dot
// (`sales.charge` → pos.sales.charge). Kept free of 'electron' so it can be reasoned about on its own;
// it only ever receives the two ipcRenderer methods it needs, never ipcRenderer itself.
import type { IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, POS_OPERATION_NAMES, ipcChannelFor } from '../../shared/pos-operation-names';

export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

export type PosOperationFunction = (input?: unknown) => Promise<unknown>;
export type PosBridge = Record<string, Record<string, PosOperationFunction>> & {
  onEvent(listener: (event: unknown) => void): () => void;
};

export function buildPosBridge(ipc: PreloadIpc, operationNames: readonly string[] = POS_OPERATION_NAMES): PosBridge {
  const groups: Record<string, Record<string, PosOperationFunction>> = {};
  for (const op of operationNames) {
    const [group, name, ...rest] = op.split('.');
    if (!group || !name || rest.length > 0 || group === 'onEvent') throw new Error(`operation name must be "group.name": ${op}`);
    const channel = ipcChannelFor(op);
    // Only the input crosses; the renderer cannot pick the channel or pass extra arguments.
    (groups[group] ??= {})[name] = (input?: unknown) => ipc.invoke(channel, input === undefined ? {} : input);
  }
  const onEvent = (listener: (event: unknown) => void): (() => void) => {
    // The IpcRendererEvent (which exposes `sender`, i.e. ipcRenderer) is dropped here on purpose.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipc.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipc.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  };
  return Object.assign(groups, { onEvent }) as PosBridge;
}
