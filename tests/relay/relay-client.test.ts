// The till's side of the relay (electron/core/push/relay-client.ts) against a real relay and against a
// hostile one: the token never goes out in clear text, and no message can make the till buffer without end.
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRelayUrl, RelayClient, RelayUrlError, type RelayClientOptions } from '../../electron/core/push/relay-client';
import { PushCursors } from '../../electron/core/push/push-cursors';
import { openLedger, type LedgerDb } from '../../electron/core/ledger/open-ledger';
import { RelayHarness, TOKEN_OWN, deliver } from './relay-fixture';

const harness = new RelayHarness();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await harness.cleanup();
});

function tempLedger(): LedgerDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-relay-client-'));
  const db = openLedger(path.join(dir, 'ledger.sqlite3'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => db.close());
  return db;
}

interface Observed {
  delivered: { payload: string; signature: string }[];
  states: string[];
  logs: string[];
  /** Resolves when `predicate` holds after some callback. */
  until(predicate: () => boolean): Promise<void>;
}

function startClient(url: string, overrides: Partial<RelayClientOptions> = {}): { client: RelayClient; seen: Observed; cursors: PushCursors } {
  const waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  const changed = () => {
    for (const waiter of [...waiters]) {
      if (waiter.predicate()) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const seen: Observed = {
    delivered: [],
    states: [],
    logs: [],
    until: (predicate) =>
      predicate() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ predicate, resolve })),
  };
  const cursors = new PushCursors(tempLedger());
  const client = new RelayClient({
    url,
    token: TOKEN_OWN,
    cursors,
    deliver: (payload, signature) => {
      seen.delivered.push({ payload, signature });
      changed();
      return 'accepted';
    },
    onState: (state) => {
      seen.states.push(state);
      changed();
    },
    onGap: () => {},
    log: (message) => {
      seen.logs.push(message);
      changed();
    },
    backoffMs: () => 60_000,
    ...overrides,
  });
  cleanups.push(() => client.stop());
  client.start();
  return { client, seen, cursors };
}

describe('POS_RELAY_URL', () => {
  it('must be https unless the relay is on this machine', () => {
    for (const ok of ['https://relay.example.com', 'https://relay.example.com/chamra/', 'http://127.0.0.1:4400', 'http://localhost:4400', 'http://[::1]:4400']) {
      expect(checkRelayUrl(ok).href).toBe(new URL(ok).href);
    }
    for (const bad of ['http://relay.example.com', 'http://192.168.1.20:4400', 'http://127.0.0.1.evil.example', 'ws://relay.example.com', 'relay.example.com', 'https://user:pass@relay.example.com']) {
      expect(() => checkRelayUrl(bad), bad).toThrow(RelayUrlError);
    }
    expect(() => checkRelayUrl('http://relay.example.com')).toThrow(/https:\/\//);
  });

  it('a client for a plain-http remote relay refuses to be built, so the token is never sent', () => {
    expect(
      () =>
        new RelayClient({
          url: 'http://relay.example.com',
          token: TOKEN_OWN,
          cursors: new PushCursors(tempLedger()),
          deliver: () => 'accepted',
          onState: () => {},
          onGap: () => {},
        }),
    ).toThrow(RelayUrlError);
  });
});

describe('messages from the relay', () => {
  it('passes the largest event a relay accepts (1 MiB body) under the default message cap, and moves its cursor', async () => {
    const relay = await harness.start();
    const { seen, cursors } = startClient(relay.url);
    await seen.until(() => seen.states.includes('connected'));

    await deliver(relay, harness.clock, { id: 'evt_big_legit', padding: 1_000_000 });
    await seen.until(() => seen.delivered.length === 1);

    expect(seen.delivered[0].payload).toContain('"id": "evt_big_legit"');
    expect(cursors.get('relay.seq')).toBe('1');
  });

  // Regression: after a large message, aborting the request no longer woke the pending read, so
  // neither stop() nor the idle timeout could end the connection.
  it('after a large message, still drops a relay that falls silent, at the idle timeout', async () => {
    const relay = await harness.start({ heartbeatMs: 3_600_000 });
    // Long enough that no gap between the big message's chunks reaches it, even on a busy machine.
    const { seen } = startClient(relay.url, { idleTimeoutMs: 2_000 });
    await seen.until(() => seen.states.includes('connected'));

    await deliver(relay, harness.clock, { id: 'evt_big_then_silence', padding: 1_000_000 });
    await seen.until(() => seen.delivered.length === 1);
    await seen.until(() => seen.states.at(-1) === 'down');

    expect(seen.states).toEqual(['connecting', 'connected', 'down']);
  });

  it('drops a connection whose one message grows past the cap, delivering nothing from it', async () => {
    const cap = 64 * 1024;
    // A hostile relay: one message that never ends.
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('id: 1\nevent: stripe.event\ndata: {"payload":"');
      const chunk = 'x'.repeat(16 * 1024);
      const more = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', more);
      };
      more();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => new Promise((resolve) => server.close(resolve)), () => server.closeAllConnections());
    const closed = new Promise<void>((resolve) => server.once('request', (request: http.IncomingMessage) => request.socket.once('close', () => resolve())));

    const { seen } = startClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { maxMessageChars: cap });
    await closed;
    await seen.until(() => seen.states.at(-1) === 'down');

    expect(seen.delivered).toEqual([]);
    expect(seen.logs.join('\n')).toContain(`larger than ${cap} characters`);
  });
});
