// Where the app's log is kept, as a manager's Settings shows it. The path is no secret; the log's
// contents never cross to a screen (IT opens the folder on the till and sends the files).
export interface LogFolderInfo {
  /** The folder holding chamra-pos.log and its older files; null in browser mode (the log is the host's output). */
  folder: string | null;
  /** The current file's full path; null in browser mode. */
  file: string | null;
  /** Whether the app can open the folder on this computer (the desktop app). */
  canOpen: boolean;
}
