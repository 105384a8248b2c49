// The line the host prints per timed request (bench/support/stripe-timing.ts, preloaded into the host)
// and the bench reads (timed-host.ts). Its own module: importing the preload itself would time the
// bench's own requests too.
export const STRIPE_TIMING_PREFIX = 'stripe-timing ';

export interface StripeTiming {
  /** stripe: a request the host made to Stripe; api: a request the host answered; event: a sale with its QR written to an event stream. */
  kind: 'stripe' | 'api' | 'event';
  method: string;
  path: string;
  ms: number;
  /** When it ended (written, for an event), on the machine's clock (epoch ms, sub-millisecond): compared with the browser's. */
  endAt: number;
  /** event only: the sale written. */
  saleId?: string;
  /** api only: the host process's CPU time (user + system, all threads) while it answered; unlike `ms`, not stretched by other processes' load. */
  cpuMs?: number;
}
