// The desktop app's log on disk, for IT to send when a shop calls: <userData>/logs/chamra-pos.log,
// one line per entry (ISO time, level, text), rotated by size (chamra-pos.1.log … .4.log, the oldest
// dropped). Writes are synchronous on purpose: the lines just before a crash or an app.exit are the
// ones IT needs, and a till logs a few lines a minute. Every console line of the main process goes
// through the same redaction to stdout and to the file (captureConsole), so no secret reaches either.
import { chmodSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { redactSecrets } from './log-redaction';

export const LOG_FILE_NAME = 'chamra-pos.log';
/** 5 files of 2 MB: weeks of a normal till's lines, small enough to e-mail. */
export const LOG_MAX_BYTES = 2 * 1024 * 1024;
export const LOG_FILES = 5;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogFileOptions {
  /** The folder (created owner-only on POSIX). */
  dir: string;
  maxBytes?: number;
  /** How many files to keep in all, the current one included. */
  files?: number;
  now?: () => Date;
  /** The file could not be written (disk full, folder removed): told once, then the file is left alone. */
  onFailure?: (error: unknown) => void;
}

export interface LogFile {
  readonly dir: string;
  readonly path: string;
  write(level: LogLevel, text: string): void;
  close(): void;
}

/** The n-th file: 0 is the current one, 1 the one before it, and so on. */
export function logFilePath(dir: string, index: number): string {
  return path.join(dir, index === 0 ? LOG_FILE_NAME : LOG_FILE_NAME.replace(/\.log$/, `.${index}.log`));
}

const POSIX = process.platform !== 'win32';

export function openLogFile(options: LogFileOptions): LogFile {
  const { dir } = options;
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const files = Math.max(1, options.files ?? LOG_FILES);
  const now = options.now ?? (() => new Date());
  const current = logFilePath(dir, 0);

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The log can hold a customer's sale ids and the shop's set-up: only the OS user running the till reads it.
  if (POSIX) chmodSync(dir, 0o700);
  let fd: number | null = null;
  let size = 0;
  const open = (): void => {
    fd = openSync(current, 'a', 0o600);
    if (POSIX) chmodSync(current, 0o600); // an older, looser file is tightened too
    size = fstatSync(fd).size;
  };
  const rotate = (): void => {
    if (fd !== null) closeSync(fd);
    fd = null;
    // rename replaces the target, so the oldest file is dropped when the one before it moves up.
    for (let index = files - 1; index >= 1; index -= 1) {
      const from = logFilePath(dir, index - 1);
      if (existsSync(from)) renameSync(from, logFilePath(dir, index));
    }
    open();
  };
  open();

  let failed = false;
  return {
    dir,
    path: current,
    write(level, text) {
      if (failed || fd === null) return;
      try {
        // One entry per line: a stack's further lines are indented under it.
        let entry = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} ${text.replace(/\r?\n/g, '\n    ')}\n`;
        // One runaway entry must not push everything else out: it is cut to half a file.
        if (Buffer.byteLength(entry) > maxBytes / 2) entry = `${entry.slice(0, Math.floor(maxBytes / 8))} … [cut]\n`;
        const bytes = Buffer.byteLength(entry);
        if (size > 0 && size + bytes > maxBytes) {
          if (files > 1) rotate();
          else {
            closeSync(fd);
            fd = openSync(current, 'w', 0o600);
            size = 0;
          }
        }
        writeSync(fd as number, entry);
        size += bytes;
      } catch (error) {
        failed = true;
        options.onFailure?.(error);
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

type ConsoleMethod = 'debug' | 'log' | 'info' | 'warn' | 'error';
export type ConsoleLike = Record<ConsoleMethod, (...args: unknown[]) => void>;
const LEVEL_OF: Record<ConsoleMethod, LogLevel> = { debug: 'debug', log: 'info', info: 'info', warn: 'warn', error: 'error' };

/**
 * Routes every console line of this process through `redact`, then to the console as before and to
 * `sink`. Returns a function that puts the console back.
 */
export function captureConsole(target: ConsoleLike, sink: (level: LogLevel, text: string) => void, redact: (text: string) => string): () => void {
  const originals = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  const wrappers = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  for (const method of Object.keys(LEVEL_OF) as ConsoleMethod[]) {
    const original = target[method];
    const wrapper = (...args: unknown[]): void => {
      const text = redact(format(...args));
      original.call(target, text);
      sink(LEVEL_OF[method], text);
    };
    originals.set(method, original);
    wrappers.set(method, wrapper);
    target[method] = wrapper;
  }
  return () => {
    for (const [method, original] of originals) if (target[method] === wrappers.get(method)) target[method] = original;
  };
}

export interface FileLogging {
  readonly file: LogFile;
  /** Secrets this run holds (the Stripe key, tokens): removed by value from every later line. */
  addSecrets(values: Iterable<string | null | undefined>): void;
  /** Puts the console back and closes the file. */
  stop(): void;
}

/** The log file plus the console capture: what the desktop app runs with. */
export function startFileLogging(options: LogFileOptions & { console?: ConsoleLike }): FileLogging {
  const target = options.console ?? (console as unknown as ConsoleLike);
  const stderr = target.error.bind(target);
  const file = openLogFile({
    ...options,
    onFailure: (error) => stderr(`[chamra] the log file ${logFilePath(options.dir, 0)} cannot be written (${redactSecrets(error instanceof Error ? error.message : String(error))}); logging to the console only.`),
  });
  const secrets = new Set<string>();
  const restore = captureConsole(target, (level, text) => file.write(level, text), (text) => redactSecrets(text, secrets));
  return {
    file,
    addSecrets(values) {
      for (const value of values) if (value) secrets.add(value);
    },
    stop() {
      restore();
      file.close();
    },
  };
}
