// Stripe answers a till from across the internet, in hundreds of milliseconds; the simulator on this
// machine answers in a few. While Stripe works on a charge the display draws its "preparing" screen,
// so with a simulator this fast that drawing overlaps the QR's and is counted "beyond Stripe". A
// proxy in front of the simulator that holds each Stripe API request for a while (BENCH_STRIPE_DELAY_MS)
// shows what the path costs once Stripe's time is as long as it is in production. Stripe's time, the
// wait included, is subtracted as before.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StripeLatencyProxy {
  url: string;
  close(): Promise<void>;
}

export async function startStripeLatencyProxy(target: string, delayMs: number): Promise<StripeLatencyProxy> {
  const upstream = new URL(target);
  const server = http.createServer((request, response) => {
    const body: Buffer[] = [];
    request.on('data', (chunk: Buffer) => body.push(chunk));
    request.on('end', () => {
      // Only Stripe's API waits; the simulator's own controls (/_sim) answer at once.
      const wait = request.url?.startsWith('/v1/') ? delayMs : 0;
      setTimeout(() => {
        const forwarded = http.request(
          { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        forwarded.on('error', () => response.destroy());
        forwarded.end(Buffer.concat(body));
      }, wait);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
