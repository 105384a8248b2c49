// The core's LogsPort over Electron's shell: the folder of the log file, opened in the computer's own
// file manager (Explorer, Finder, the desktop's) so IT can pick up the files. Only the path is shared.
import { mkdirSync } from 'node:fs';
import { shell } from 'electron';
import type { LogsPort } from '../core/logs/logs-side';
import type { LogFile } from './log-file';

export function createLogFolderPort(file: Pick<LogFile, 'dir' | 'path'>): LogsPort {
  return {
    folder: file.dir,
    file: file.path,
    async openFolder() {
      mkdirSync(file.dir, { recursive: true, mode: 0o700 }); // someone may have deleted it meanwhile
      // openPath answers the OS's reason as text ('' when the folder opened).
      const problem = await shell.openPath(file.dir);
      if (problem) throw new Error(problem);
    },
  };
}
