// A real till for HTTP tests: the real core (demo mode: embedded simulator, SQLite ledger in a temp
// dir) behind the real HTTP server on a random port. Nothing of ours is mocked.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadCoreConfig, type CoreConfig } from '../../../electron/core/config/core-config';
import { startHttpServer, type HttpServerOptions, type RunningHttpServer } from '../../../electron/core/http/http-server';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../../electron/core/http/rate-limits';
import type { PosErrorBody } from '../../../shared/pos-error';
import type { Sale } from '../../../shared/sale';
import { startCore } from '../../../electron/core/start-core';

/** Real rate limits, set high enough that only the tests about them meet them. */
export const GENEROUS_RATE_LIMITS: Partial<RateLimits> = Object.fromEntries(
  Object.keys(DEFAULT_RATE_LIMITS).map((family) => [family, { max: 100_000, windowMs: 1000 }]),
);

export const TEST_API_TOKEN = 'test-token-5c1f0d2e8b7a4f3c9e6d';

export const OWNER_PIN = '246810';

export interface TestTill {
  core: PosCore;
  server: RunningHttpServer;
  url: string;
  dataDir: string;
  /** The pos_client cookie this test client holds (like a browser's cookie jar), once the server set one. */
  cookie: string | null;
  close(): Promise<void>;
}

export interface TestTillOptions extends Partial<Omit<HttpServerOptions, 'port'>> {
  config?: Partial<CoreConfig>;
  /** Set up the owner and sign this client in (default true): charging needs a signed-in cashier. */
  signedIn?: boolean;
}

export async function startTestTill(options: TestTillOptions = {}): Promise<TestTill> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chamra-http-'));
  const { config: configOverrides, signedIn = true, ...serverOptions } = options;
  const config = loadCoreConfig({}, { dataDir, httpPort: 0, ...configOverrides });
  // A quick poll so a simulated payment reaches the ledger within a fraction of a second.
  const core = await startCore(config, { log: () => undefined, pollSchedule: { nextDelayMs: () => 50 } });
  let server: RunningHttpServer;
  try {
    server = await startHttpServer(core, {
      host: '127.0.0.1',
      port: 0,
      apiToken: TEST_API_TOKEN,
      rateLimit: GENEROUS_RATE_LIMITS,
      ...serverOptions,
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  const till: TestTill = {
    core,
    server,
    url: server.url,
    dataDir,
    cookie: null,
    async close() {
      await server.close();
      await core.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  if (signedIn) {
    const { body } = await callPos(till, 'auth.setupOwner', { name: 'Owner Somchai', pin: OWNER_PIN });
    if (!body.ok) throw new Error(`owner setup failed: ${body.error.message}`);
  }
  return till;
}

/** A PosResult as the tests read it: `value` on success, `error` on failure. */
export interface PosResultBody<T> {
  ok: boolean;
  value: T;
  error: PosErrorBody;
}

/** Calls an operation as this till's browser client would: with its pos_client cookie. */
export async function callPos<T = Sale>(till: TestTill, op: string, input: unknown): Promise<{ status: number; body: PosResultBody<T> }> {
  const response = await fetch(`${till.url}/api/pos/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(till.cookie ? { cookie: till.cookie } : {}) },
    body: JSON.stringify(input),
  });
  const setCookie = response.headers.get('set-cookie');
  if (setCookie) till.cookie = setCookie.split(';', 1)[0];
  return { status: response.status, body: (await response.json()) as PosResultBody<T> };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request with exactly the path and headers given (fetch normalises dot segments and will not
 * forge Host), for the guard and traversal tests.
 */
export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string; localAddress?: string },
): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        localAddress: options.localAddress,
        setHost: options.headers?.host === undefined,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A response body read as JSON of the shape the test expects (the assertions check it). */
export async function jsonOf<T = { error: PosErrorBody }>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
