// This computer's screen choices, kept in userData (they belong to the machine, not to the shop's
// ledger): which monitor shows the customer window, and kiosk mode for the cashier window.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CustomerDisplayChoice } from './customer-display-placement';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface WindowState {
  customerDisplay: CustomerDisplayChoice;
  kiosk: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { customerDisplay: 'auto', kiosk: false };

const windowStateFile = z.object({
  customerDisplay: z.union([z.literal('auto'), z.literal('off'), z.strictObject({ id: z.number().int().min(0), key: z.string().max(500) })]),
  kiosk: z.boolean(),
});

export interface WindowStateStore {
  readonly filePath: string;
  read(): WindowState;
  write(state: WindowState): void;
}

export function createWindowStateStore(directory: string, log: (line: string) => void = () => undefined): WindowStateStore {
  const filePath = path.join(directory, WINDOW_STATE_FILE);
  return {
    filePath,
    read() {
      let text: string;
      try {
        text = readFileSync(filePath, 'utf8');
      } catch {
        return { ...DEFAULT_WINDOW_STATE };
      }
      try {
        const parsed = windowStateFile.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
      } catch {
        // not JSON: said below
      }
      // A damaged file must not stop the till: start from the defaults, which the next choice overwrites.
      log(`[chamra] ${WINDOW_STATE_FILE} could not be read; using the default screens (customer display: auto, kiosk off).`);
      return { ...DEFAULT_WINDOW_STATE };
    },
    write(state) {
      const checked = windowStateFile.parse(state);
      mkdirSync(directory, { recursive: true });
      // Write then rename, so a crash or power cut never leaves half a file.
      const temporary = `${filePath}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(checked, null, 2)}\n`);
      renameSync(temporary, filePath);
    },
  };
}
