// Relay instances for the scale benchmark: each one is `relay/main.ts` in its own child process (as
// deployed), configured through its environment, so its memory and CPU are its own and can be read
// from /proc while the benchmark drives it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RelayInstance {
  name: string;
  url: string;
  pid: number;
  /** Resident memory now, in bytes (VmRSS). */
  rssBytes(): number;
  /** User + system CPU time used so far, in seconds. */
  cpuSeconds(): number;
  /** Lines the relay printed on stderr (a crash says why here). */
  errors(): string[];
  stop(): Promise<void>;
}

export interface RelayInstanceOptions {
  name: string;
  env: Record<string, string>;
}

export async function startRelayInstance(options: RelayInstanceOptions): Promise<RelayInstance> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'relay/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', RELAY_HOST: '127.0.0.1', RELAY_PORT: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: string) => {
      buffered += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(buffered);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.resume(); // keep draining its log so it never blocks on a full pipe
        resolve(match[1]);
      }
    };
    child.stdout!.setEncoding('utf8').on('data', onData);
    void exited.then((code) => reject(new Error(`relay ${options.name} exited (${code}) before listening: ${stderr.join(' | ')}`)));
  });
  const pid = child.pid!;
  return {
    name: options.name,
    url,
    pid,
    rssBytes: () => {
      const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : Number.NaN;
    },
    cpuSeconds: () => {
      // Fields 14 and 15 of /proc/<pid>/stat (after the command name in parentheses): utime, stime.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    errors: () => [...stderr],
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
