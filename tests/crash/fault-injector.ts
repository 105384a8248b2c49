// Keeps the share of the till's Stripe requests that meet an injected fault at or above a target:
// before each kill point it tops up the simulator's fault queue from what fired so far.
import type { SeededRandom } from './seeded-random';
import type { SimControl } from './sim-control';

/** Fault kinds the harness asks for; only those the running simulator knows are used. */
export const WANTED_FAULT_KINDS = ['http500', 'drop_connection', 'drop_after_create', 'timeout'] as const;
/** Requests one kill point is expected to cost, so faults are queued a little ahead of them. */
const LOOKAHEAD_REQUESTS = 6;
/** Never more than this many queued: a long queue would fail every request for seconds. */
const MAX_PENDING = 4;

export class FaultInjector {
  private injected = 0;
  private baseline = 0;
  private kinds: string[] = [];
  readonly byKind: Record<string, number> = {};

  constructor(
    private readonly sim: SimControl,
    private readonly random: SeededRandom,
    private readonly target: number,
  ) {}

  async init(): Promise<string[]> {
    this.kinds = await this.sim.supportedFaultKinds(WANTED_FAULT_KINDS);
    if (this.kinds.length === 0) throw new Error('stripe-sim accepts none of the fault kinds ' + WANTED_FAULT_KINDS.join(', '));
    this.baseline = await this.sim.requestCount();
    return this.kinds;
  }

  /** Queues faults so that those fired plus those waiting reach the target share of requests. */
  async topUp(): Promise<void> {
    const requests = (await this.sim.requestCount()) - this.baseline;
    const pending = await this.sim.pendingFaults();
    let deficit = Math.ceil(this.target * (requests + LOOKAHEAD_REQUESTS)) - this.injected;
    let room = MAX_PENDING - pending;
    while (deficit > 0 && room > 0) {
      const kind = this.random.pick(this.kinds);
      // Usually one fault (the SDK's own retry absorbs it); sometimes a run of three, which outlasts
      // the SDK's two retries so the till itself sees Stripe as unreachable.
      const count = Math.min(room, this.random.chance(0.3) ? 3 : 1);
      await this.sim.queueFault(kind, count);
      this.injected += count;
      this.byKind[kind] = (this.byKind[kind] ?? 0) + count;
      deficit -= count;
      room -= count;
    }
  }

  /** Stops injecting; returns the faults that fired and the Stripe requests made since init. */
  async finish(): Promise<{ fired: number; requests: number; rate: number }> {
    const pending = await this.sim.pendingFaults();
    await this.sim.clearFaults();
    const requests = (await this.sim.requestCount()) - this.baseline;
    const fired = this.injected - pending;
    return { fired, requests, rate: requests === 0 ? 0 : fired / requests };
  }
}
