// A real HTTP proxy in front of the Stripe simulator: records what goes over the wire and can refuse
// chosen requests, to play a flaky or partial Stripe without touching our own code.
import http from 'node:http';
import { parseStripeForm, type FormObject } from '../../stripe-sim/form-body';

export interface SeenRequest {
  method: string;
  path: string;
  form: FormObject;
  idempotencyKey: string | undefined;
  version: string | undefined;
}

export interface StripeProxy {
  url: string;
  seen: SeenRequest[];
  /** Requests for which this returns true get a 500 from the proxy instead of reaching Stripe. */
  refuse: (request: { method: string; path: string }) => boolean;
  /** While true, every connection is cut before an answer: Stripe is unreachable (no HTTP reply at all). */
  unreachable: boolean;
  close(): Promise<void>;
}

export async function startStripeProxy(targetUrl: string): Promise<StripeProxy> {
  const target = new URL(targetUrl);
  const proxy: StripeProxy = { url: '', seen: [], refuse: () => false, unreachable: false, close: async () => undefined };
  const server = http.createServer((request, response) => {
    if (proxy.unreachable) {
      request.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      proxy.seen.push({
        method: request.method!,
        path: request.url!,
        form: body ? parseStripeForm(body) : {},
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        version: request.headers['stripe-version'] as string | undefined,
      });
      if (proxy.refuse({ method: request.method!, path: request.url! })) {
        response.writeHead(500, { 'content-type': 'application/json', 'stripe-should-retry': 'false' });
        response.end(JSON.stringify({ error: { type: 'api_error', message: 'refused by the test proxy' } }));
        return;
      }
      const forward = http.request({ host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers }, (upstream) => {
        response.writeHead(upstream.statusCode!, upstream.headers);
        upstream.pipe(response);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  proxy.close = () => new Promise((resolve) => server.close(() => resolve()));
  return proxy;
}
