// The relay's decision to drop a till that stopped reading, tested on the decision itself: each "till"
// is a Node Writable whose consumption the test controls, and time passes only when the test says so.
// (Over real TCP, when a non-reading peer fills up depends on the machine's socket buffers.)
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteEventLog } from '../../relay/event-log';
import { type EventStore, openEventStore } from '../../relay/event-store';
import { type StallTimers, TillStreams } from '../../relay/till-streams';
import { stripeEventBody } from './relay-fixture';

const STALL_MS = 30_000;
const OWN_ACCOUNT = { account: null, livemode: null };

/** Timers that fire only from advance(): the test owns the clock of the stall decision. */
class ManualTimers implements StallTimers {
  private now = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get armed(): number {
    return this.pending.size;
  }

  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.pending]) {
      if (timer.at > this.now) continue;
      this.pending.delete(id);
      timer.callback();
    }
  }
}

/**
 * A till's end of the stream. It consumes what the relay writes until it has taken `readEvents`
 * stripe.event messages, then stops reading (holds the write callback) until `resumeReading()`.
 */
class TillEnd extends Writable {
  received = '';
  private held: (() => void) | null = null;

  constructor(private readEvents = Number.POSITIVE_INFINITY) {
    super({ highWaterMark: 4096, decodeStrings: false });
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.received += String(chunk);
    this.emit('received');
    if (this.eventSeqs().length >= this.readEvents) this.held = () => callback();
    else callback();
  }

  resumeReading(): void {
    this.readEvents = Number.POSITIVE_INFINITY;
    const held = this.held;
    this.held = null;
    held?.();
  }

  eventSeqs(): number[] {
    return [...this.received.matchAll(/id: (\d+)\nevent: stripe\.event\ndata: [^\n]*\n\n/g)].map((m) => Number(m[1]));
  }

  /** Resolves once this till has received `count` events (awaits each write; no polling). */
  async untilEvents(count: number): Promise<void> {
    while (this.eventSeqs().length < count) await once(this, 'received');
  }
}

const dirs: string[] = [];
const opened: { store: EventStore; streams: TillStreams }[] = [];
afterEach(() => {
  for (const { store, streams } of opened.splice(0)) {
    streams.closeAll();
    store.close();
  }
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function setUp(eventCount: number, maxStreamsPerHolder?: number): { store: EventStore; streams: TillStreams; timers: ManualTimers; seqs: number[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-relay-stall-'));
  dirs.push(dir);
  const store = openEventStore(dir);
  const timers = new ManualTimers();
  const streams = new TillStreams({ store: sqliteEventLog(store, dir), stallTimeoutMs: STALL_MS, heartbeatMs: 3_600_000, timers, maxStreamsPerHolder });
  opened.push({ store, streams });
  const seqs: number[] = [];
  for (let i = 0; i < eventCount; i += 1) {
    const body = stripeEventBody({ id: `evt_stall_${i}`, padding: 2_000 });
    const { seq } = store.insert({
      eventId: `evt_stall_${i}`,
      account: null,
      type: 'payment_intent.succeeded',
      livemode: false,
      created: 1_790_000_000,
      receivedAt: 1_790_000_000_000,
      body: Buffer.from(body),
      signature: 't=1,v1=unused',
    });
    seqs.push(seq);
  }
  return { store, streams, timers, seqs };
}

describe('a till that stops reading', () => {
  it('is dropped after the stall timeout, without holding up the others, and resumes without loss', async () => {
    const { streams, timers, seqs } = setUp(12);
    const reader = new TillEnd();
    const stalled = new TillEnd(3);
    streams.stream(stalled, { scope: OWN_ACCOUNT, holder: 'till#1', after: null });
    streams.stream(reader, { scope: OWN_ACCOUNT, holder: 'till#1', after: null });

    // The reader gets everything while the other till is stuck, before any time has passed.
    await reader.untilEvents(seqs.length);
    expect(reader.eventSeqs()).toEqual(seqs);
    expect(stalled.eventSeqs()).toEqual(seqs.slice(0, 3));
    expect(timers.armed).toBe(1);

    timers.advance(STALL_MS - 1);
    expect(stalled.destroyed).toBe(false);
    expect(streams.size).toBe(2);

    timers.advance(1);
    expect(stalled.destroyed).toBe(true);
    await once(stalled, 'close');
    expect(streams.size).toBe(1);

    // It reconnects with the last id it saw and gets exactly the rest.
    const lastSeen = stalled.eventSeqs().at(-1) ?? 0;
    const resumed = new TillEnd();
    streams.stream(resumed, { scope: OWN_ACCOUNT, holder: 'till#1', after: lastSeen });
    await resumed.untilEvents(seqs.length - 3);
    expect([...stalled.eventSeqs(), ...resumed.eventSeqs()]).toEqual(seqs);
  });

  it('is kept when it starts reading again before the stall timeout', async () => {
    const { streams, timers, seqs } = setUp(12);
    const slow = new TillEnd(3);
    streams.stream(slow, { scope: OWN_ACCOUNT, holder: 'till#1', after: null });
    await slow.untilEvents(3);
    expect(timers.armed).toBe(1);

    timers.advance(STALL_MS - 1);
    slow.resumeReading();
    await slow.untilEvents(seqs.length);

    expect(timers.armed).toBe(0);
    timers.advance(STALL_MS);
    expect(slow.destroyed).toBe(false);
    expect(streams.size).toBe(1);
    expect(slow.eventSeqs()).toEqual(seqs);
  });

  it('is cut off at shutdown rather than waited for (it could never read the end)', async () => {
    const { streams } = setUp(12);
    const stalled = new TillEnd(3);
    streams.stream(stalled, { scope: OWN_ACCOUNT, holder: 'till#1', after: null });
    await stalled.untilEvents(3);
    expect(stalled.writableNeedDrain).toBe(true);

    streams.closeAll();

    expect(stalled.destroyed).toBe(true);
    expect(stalled.writableEnded).toBe(false);
  });
});

describe('streams per till token', () => {
  it('a token opening more streams than its cap ends its own oldest, never another token\'s', async () => {
    const { streams } = setUp(1, 2);
    const [first, second, third] = [new TillEnd(), new TillEnd(), new TillEnd()];
    const otherTill = new TillEnd();
    streams.stream(otherTill, { scope: OWN_ACCOUNT, holder: 'till#2', after: null });
    for (const connection of [first, second, third]) streams.stream(connection, { scope: OWN_ACCOUNT, holder: 'till#1', after: null });

    await once(first, 'close');
    expect(first.writableEnded).toBe(true);
    expect([second.writableEnded, third.writableEnded, otherTill.writableEnded]).toEqual([false, false, false]);
    expect(streams.size).toBe(3);
    await third.untilEvents(1);
  });
});
