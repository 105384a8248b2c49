// A tablet on the shop's network, as the HTTP tests play it: requests from this machine's LAN address
// (so the till sees a caller off its own machine) with the tablet's own pos_client cookie jar.
import { callPos, rawRequest, type PosResultBody, type TestTill } from './http-test-till';
import { openEventStream, type EventStreamReader } from './sse-reader';
import { nonLoopbackIPv4 } from '../../support/lan-address';

export { nonLoopbackIPv4 };

export class LanDisplay {
  /** The pos_client cookie the till gave this tablet (like a browser's cookie jar). */
  cookie: string | null = null;

  constructor(readonly base: string) {}

  static of(till: TestTill, address: string): LanDisplay {
    return new LanDisplay(`http://${address}:${till.server.port}`);
  }

  async post<T = unknown>(op: string, input: unknown): Promise<{ status: number; body: PosResultBody<T> }> {
    const response = await rawRequest(this.base, {
      method: 'POST',
      path: `/api/pos/${op}`,
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify(input),
    });
    const setCookie = response.headers['set-cookie']?.[0];
    if (setCookie) this.cookie = setCookie.split(';', 1)[0];
    return { status: response.status, body: JSON.parse(response.body) as PosResultBody<T> };
  }

  events(): Promise<EventStreamReader> {
    return openEventStream(`${this.base}/api/pos/events`, this.cookie ? { headers: { cookie: this.cookie } } : {});
  }

  /** Asks the till (its signed-in cashier) for a code and types it here. */
  async pairWith(till: TestTill): Promise<{ status: number; body: PosResultBody<{ name: string }> }> {
    if (!this.cookie) await this.post('app.info', {}); // the first request gets the tablet its cookie
    const issued = await callPos<{ code: string; expiresAt: number }>(till, 'displays.pairingCode', {});
    if (!issued.body.ok) throw new Error(`no pairing code: ${issued.body.error.message}`);
    return this.post<{ name: string }>('displays.pair', { code: issued.body.value.code });
  }
}
