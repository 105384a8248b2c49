import { describe, expect, it } from 'vitest';
import { WatchScheduler } from '../../../electron/core/payments/watch-scheduler';
import { ManualClock } from '../../support/core-harness';

describe('WatchScheduler', () => {
  it('runs keyed jobs in time order from one timer; a key is replaced, a canceled job never runs', async () => {
    const clock = new ManualClock(1_000);
    const scheduler = new WatchScheduler(clock);
    const ran: string[] = [];
    scheduler.after('b', 200, () => void ran.push('b'));
    scheduler.after('a', 100, () => void ran.push('a'));
    scheduler.after('c', 300, () => void ran.push('c-old'));
    scheduler.after('c', 50, () => void ran.push('c'));
    scheduler.after('gone', 10, () => void ran.push('gone'));
    scheduler.cancel('gone');
    expect(scheduler.dueAt('c')).toBe(1_050);
    await clock.advance(150, () => scheduler.settled());
    expect(ran).toEqual(['c', 'a']);
    await clock.advance(1_000, () => scheduler.settled());
    expect(ran).toEqual(['c', 'a', 'b']);
    expect(scheduler.has('b')).toBe(false);
  });

  it('waits for work in flight on close, and takes no new jobs after', async () => {
    const clock = new ManualClock();
    const scheduler = new WatchScheduler(clock);
    let finish: () => void = () => undefined;
    let done = false;
    scheduler.after('slow', 0, () => new Promise<void>((resolve) => (finish = resolve)).then(() => void (done = true)));
    await clock.advance(0);
    const closing = scheduler.close();
    scheduler.after('late', 0, () => void (done = false));
    finish();
    await closing;
    expect(done).toBe(true);
    expect(scheduler.has('late')).toBe(false);
  });
});
