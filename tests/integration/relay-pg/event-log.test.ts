// The PostgreSQL event log read two ways — from an instance's in-memory tail (near the newest events)
// or from the table (further back) — must give a till the same pages, for every position and scope.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventLog } from '../../../relay/event-log';
import type { EventScope } from '../../../relay/event-store';
import { openPgEventLog } from '../../../relay/pg-event-log';
import { ACCOUNT_A, stripeEventBody } from '../../relay/relay-fixture';
import { CLUSTER_START_TIMEOUT_MS, PgRelayHarness } from './pg-relay-harness';

const harness = new PgRelayHarness();
const logs: EventLog[] = [];
// initdb and a first start take seconds, more on a busy CI machine.
beforeAll(() => harness.startCluster(), CLUSTER_START_TIMEOUT_MS);
afterAll(() => harness.stopCluster(), CLUSTER_START_TIMEOUT_MS);
afterEach(async () => {
  await Promise.all(logs.splice(0).map((log) => log.close()));
});

async function open(url: string, tailEvents: number): Promise<EventLog> {
  const log = await openPgEventLog(url, { tailEvents, pollIntervalMs: 3_600_000 });
  logs.push(log);
  return log;
}

const scopes: (EventScope | null)[] = [
  null,
  { account: null, livemode: null },
  { account: null, livemode: true },
  { account: ACCOUNT_A, livemode: null },
  { account: ACCOUNT_A, livemode: false },
];

describe('PostgreSQL event log pages', () => {
  it('are the same from the in-memory tail and from the table, for every position and scope', async () => {
    const url = await harness.freshDatabase();
    const writer = await open(url, 2_000);
    // Tiny tail: most positions are read from the table, the last few from memory.
    const reader = await open(url, 5);
    const wholeTable = await open(url, 0);
    let readerSaw = 0;
    const readerCaughtUp = new Promise<void>((resolve) =>
      reader.onNewEvents(() => {
        readerSaw += 1;
        void reader.highestSeqAssigned().then((seq) => seq === 24 && resolve());
      }),
    );

    for (let i = 0; i < 24; i += 1) {
      const account = i % 3 === 0 ? ACCOUNT_A : null;
      const livemode = i % 2 === 0;
      const id = `evt_page_${i}`;
      await writer.insert({
        eventId: id,
        account,
        type: 'payment_intent.succeeded',
        livemode,
        created: 1_790_000_000 + i,
        receivedAt: 1_790_000_000_000 + i,
        body: Buffer.from(stripeEventBody({ id, account: account ?? undefined, livemode })),
        signature: `t=1,v1=${i}`,
      });
    }
    await readerCaughtUp;
    expect(readerSaw).toBeGreaterThan(0);

    for (const scope of scopes) {
      for (let after = 0; after <= 24; after += 1) {
        for (const limit of [2, 50]) {
          const fromReader = await reader.readAfter(after, scope, limit);
          const fromTable = await wholeTable.readAfter(after, scope, limit);
          expect(fromReader, `after ${after}, limit ${limit}, scope ${JSON.stringify(scope)}`).toEqual(fromTable);
        }
      }
    }
    const all = await wholeTable.readAfter(0, null, 100);
    expect(all.events.map((event) => event.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(all.events[3]).toMatchObject({ eventId: 'evt_page_3', account: ACCOUNT_A, livemode: false, created: 1_790_000_003 });
  }, 90_000);
});
