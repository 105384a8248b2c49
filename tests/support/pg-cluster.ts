// A throwaway PostgreSQL cluster for one test file: `initdb` into a temp folder, `pg_ctl start` on a
// free port with its unix socket in that folder, `stop()` shuts it down and deletes the folder. Tests
// start their own cluster (never the system service), so they run the same on a laptop and in CI.
//
// initdb refuses to run as root, and CI runs as root: then the folder is handed to Debian's `postgres`
// user and every PostgreSQL binary runs with its uid/gid.
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface PgCluster {
  /** Superuser URL of the cluster's `postgres` database (TCP on 127.0.0.1, trust auth). */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown, then the temp folder is deleted. Safe to call twice. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

/** The directory holding `initdb` and `pg_ctl`: PATH first, then Debian's versioned folders (newest). */
export function findPgBinDir(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => existsSync(path.join(debianRoot, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debianRoot, versions[0], 'bin');
  }
  throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin: install the `postgresql` package');
}

/** uid/gid of the `postgres` system user, read from /etc/passwd (Node has no getpwnam). */
function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root but there is no `postgres` user to run initdb as: install the `postgresql` package');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, uid, gid);
    else chownSync(p, uid, gid);
  }
}

/** Whether another user can reach a folder inside `dir` (every ancestor has the others-execute bit). */
function traversableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (path.dirname(d) === d) return true;
  }
}

/** Where the cluster's folder goes: the temp dir, unless the `postgres` user can't reach into it
 * (some CI images make /tmp root-only), then /var/tmp. */
function clusterParentDir(asPostgresUser: boolean): string {
  const tmp = os.tmpdir();
  if (!asPostgresUser || traversableByOthers(tmp)) return tmp;
  for (const candidate of ['/var/tmp', '/dev/shm']) if (existsSync(candidate) && traversableByOthers(candidate)) return candidate;
  throw new Error(`no temp folder the postgres user can reach (${tmp} is closed to other users)`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(bin: string, args: string[], options: SpawnOptions): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBinDir();
  const asUser = process.getuid?.() === 0 ? postgresUser() : null;
  const root = mkdtempSync(path.join(clusterParentDir(asUser !== null), 'pg-'));
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'postgres.log');
  if (asUser) chownTree(root, asUser.uid, asUser.gid);
  // Only the vars PostgreSQL needs: a PGPORT/PGDATA from the caller's shell must not steer these binaries.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', TZ: 'UTC' };
  const spawnOptions: SpawnOptions = { cwd: root, env, ...(asUser ? { uid: asUser.uid, gid: asUser.gid } : {}) };

  const cleanup = () => rmSync(root, { recursive: true, force: true });
  try {
    const init = await run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], spawnOptions);
    if (init.code !== 0) throw new Error(`initdb failed (${init.code}): ${init.output}`);
  } catch (err) {
    cleanup();
    throw err;
  }

  // A throwaway cluster: durability off for speed; small memory since many test files may run at once.
  const serverOptions = (port: number) =>
    [`-p ${port}`, `-k ${root}`, "-c listen_addresses='127.0.0.1'", '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c shared_buffers=16MB', '-c max_connections=200'].join(' ');
  let port = 0;
  let started = false;
  let lastOutput = '';
  // The free port can be taken between probing and binding by another test file's cluster: try again.
  for (let attempt = 0; attempt < 5 && !started; attempt++) {
    port = await freePort();
    const start = await run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-o', serverOptions(port), '-w', '-t', '60', 'start'], spawnOptions);
    started = start.code === 0;
    lastOutput = start.output + (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  }
  if (!started) {
    cleanup();
    throw new Error(`pg_ctl start failed: ${lastOutput}`);
  }

  // If the test process exits without calling stop() (a crash, a timeout), don't leave a server behind.
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { ...spawnOptions, stdio: 'ignore' });
    cleanup();
  };
  process.once('exit', stopNow);

  const urlFor = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor('postgres'),
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`database name must be a plain lower-case identifier: ${name}`);
      const client = new Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopNow);
      const result = await run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], spawnOptions);
      cleanup();
      if (result.code !== 0) throw new Error(`pg_ctl stop failed: ${result.output}`);
    },
  };
}
