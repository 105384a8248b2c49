// Relay instances for the scale benchmark: each one is `relay/main.ts` in its own child process (as
// deployed), configured through its environment, so its memory and CPU are its own and can be read
// from /proc while the benchmark drives it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The checkout whose relay/main.ts is started: this one, or BENCH_RELAY_ROOT (e.g. `git archive` of
 * another commit with a node_modules link, to compare relay versions on the same machine).
 */
const ROOT = path.resolve(process.env.BENCH_RELAY_ROOT ?? path.join(import.meta.dirname, '../..'));

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
    cpuSeconds: () => processCpuSeconds(pid),
    errors: () => [...stderr],
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * CPU seconds (user + system) of one process: fields 14 and 15 of /proc/<pid>/stat (counted after the
 * command name in parentheses), in clock ticks of 1/100 s; 0 once it is gone.
 */
export function processCpuSeconds(pid: number, withExitedChildren = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const children = withExitedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
    return (Number(fields[11]) + Number(fields[12]) + children) / 100;
  } catch {
    return 0;
  }
}

function parentPid(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/**
 * CPU seconds used so far by a PostgreSQL server: its postmaster, every process it forked (the
 * relays' backends, the WAL writer, the checkpointer) and those that already exited (the postmaster's
 * cutime/cstime, fields 16 and 17). `backendPid` is any backend of that server (pg_backend_pid()).
 */
export function postgresCpuSeconds(backendPid: number): () => number {
  const postmaster = parentPid(backendPid);
  return () => {
    let total = processCpuSeconds(postmaster, true);
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (parentPid(Number(entry)) === postmaster) total += processCpuSeconds(Number(entry));
      } catch {
        // exited meanwhile
      }
    }
    return total;
  };
}
