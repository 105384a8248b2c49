// A proxy in front of the simulator, standing where Stripe's front door would be. It does two things:
// - It times Stripe's own reply as Stripe would see it: from the request arriving to the last byte of
//   the answer handed back. The host's own stopwatch (stripe-timing.ts) also counts the host's work
//   sending the request and reading the answer (its event loop, its HTTP client), which is ours, not
//   Stripe's; "beyond Stripe" subtracts this proxy's figure, so that work is counted as ours.
// - BENCH_STRIPE_DELAY_MS: Stripe answers a till from across the internet, in hundreds of
//   milliseconds; the simulator on this machine answers in a few. While Stripe works on a charge the
//   display draws its "preparing" screen, so with a simulator this fast that drawing overlaps the QR's
//   and is counted "beyond Stripe". Holding each Stripe API request for a while shows what the path
//   costs once Stripe's time is as long as it is in production (the wait is Stripe's time).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTimingLog, type TimingLog } from './timing-log';

/** One Stripe API request, timed at the proxy (epoch ms, the machine's clock). */
export interface StripeDoorTiming {
  method: string;
  path: string;
  receivedAt: number;
  answeredAt: number;
  ms: number;
}

export interface StripeLatencyProxy {
  url: string;
  timings: TimingLog<StripeDoorTiming>;
  close(): Promise<void>;
}

function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export async function startStripeLatencyProxy(target: string, delayMs: number): Promise<StripeLatencyProxy> {
  const upstream = new URL(target);
  const timings = createTimingLog<StripeDoorTiming>('Stripe request at the proxy');
  const server = http.createServer((request, response) => {
    const receivedAt = epochNow();
    const api = request.url?.startsWith('/v1/') ?? false;
    if (api) {
      response.once('finish', () => {
        const answeredAt = epochNow();
        timings.push({ method: request.method ?? '', path: (request.url ?? '').split('?')[0]!, receivedAt, answeredAt, ms: answeredAt - receivedAt });
      });
    }
    const body: Buffer[] = [];
    request.on('data', (chunk: Buffer) => body.push(chunk));
    request.on('end', () => {
      const forward = () => {
        const forwarded = http.request(
          { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        forwarded.on('error', () => response.destroy());
        forwarded.end(Buffer.concat(body));
      };
      // Only Stripe's API waits; the simulator's own controls (/_sim) answer at once.
      if (api && delayMs > 0) setTimeout(forward, delayMs);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    timings,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
