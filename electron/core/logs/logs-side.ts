// The log folder as a manager sees it in Settings: its path, and (desktop app) a button that opens it
// in the computer's file manager so IT can send the files. Only the path crosses to the screen, never
// what the log says. The desktop shell supplies the port; browser mode's log is its host's output.
import type { PosHandlers } from '../api/pos-dispatch';
import { PosError } from '../../../shared/pos-error';
import type { LogFolderInfo } from '../../../shared/logs';

/** What the desktop shell offers the core (electron/app/log-folder.ts; tests pass their own). */
export interface LogsPort {
  folder: string;
  file: string;
  /** Opens the folder in the OS file manager; rejects with the OS's reason. */
  openFolder(): Promise<void>;
}

export const BROWSER_LOG_FOLDER: LogFolderInfo = { folder: null, file: null, canOpen: false };

export function createLogsSide(options: { port?: LogsPort }) {
  const { port } = options;
  const info = (): LogFolderInfo => (port ? { folder: port.folder, file: port.file, canOpen: true } : BROWSER_LOG_FOLDER);
  const handlers: Pick<PosHandlers, 'logs.info' | 'logs.openFolder'> = {
    'logs.info': () => info(),
    'logs.openFolder': async () => {
      if (!port) throw new PosError('conflict', 'The log folder is opened in the desktop app; in browser mode the log is what the host prints.', 'logs');
      try {
        await port.openFolder();
      } catch (error) {
        throw new PosError('internal', `The log folder could not be opened: ${error instanceof Error ? error.message : String(error)}`, 'logs');
      }
      return info();
    },
  };
  return { handlers };
}
