// The relay forwards Stripe's raw body and signature; the till verifies them itself. A relay that
// alters an event (here: turns "awaiting" into "paid") is refused, and the sale stays as it was.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForSale } from '../../support/core-harness';
import { paymentIntentEvent, sign, startPushTestTill, type PushTestTill } from './push-test-till';

let fakeRelay: http.Server | null = null;
let till: PushTestTill | null = null;
afterEach(async () => {
  await till?.close();
  fakeRelay?.closeAllConnections();
  await new Promise((resolve) => (fakeRelay ? fakeRelay.close(resolve) : resolve(undefined)));
  till = fakeRelay = null;
});

/** A relay under an attacker's control: it streams whatever messages the test hands it. */
async function startFakeRelay(): Promise<{ url: string; send(seq: number, payload: string, signature: string): void; connected: Promise<void> }> {
  const clients: http.ServerResponse[] = [];
  let onConnect: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnect = resolve));
  fakeRelay = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(': hello\n\n');
    clients.push(response);
    onConnect();
  });
  await new Promise<void>((resolve) => fakeRelay!.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(fakeRelay.address() as { port: number }).port}`,
    connected,
    send(seq, payload, signature) {
      const data = JSON.stringify({ seq, eventId: `evt_${seq}`, type: 'x', account: null, signature, payload });
      for (const client of clients) client.write(`id: ${seq}\nevent: stripe.event\ndata: ${data}\n\n`);
    },
  };
}

describe('a compromised relay', () => {
  it('cannot mark a sale paid by altering a genuine event', async () => {
    const relay = await startFakeRelay();
    till = await startPushTestTill({ relayUrl: relay.url, relayToken: 'any-token-for-the-fake-relay' });
    await relay.connected;
    const victim = await till.core.payments.charge({ amount: 50000, source: 'till' });
    const witness = await till.core.payments.charge({ amount: 1000, source: 'till' });

    // A genuine, correctly signed "requires_action" event, rewritten to say the payment succeeded.
    const genuine = await paymentIntentEvent(till, victim.paymentIntentId!, 'payment_intent.requires_action');
    const forged = genuine.replace('"status":"requires_action"', '"status":"succeeded"').replace('payment_intent.requires_action', 'payment_intent.succeeded');
    expect(forged).not.toBe(genuine);
    relay.send(1, forged, sign(genuine));

    // Then a genuine event the till must accept, proving the stream was read past the forgery.
    await fetch(`${till.core.simulatorUrl}/_sim/payment_intents/${witness.paymentIntentId}/succeed`, { method: 'POST' });
    const witnessPaid = waitForSale(till.core, witness.id, (sale) => sale.status === 'succeeded');
    const honest = await paymentIntentEvent(till, witness.paymentIntentId!, 'payment_intent.succeeded');
    relay.send(2, honest, sign(honest));
    await witnessPaid;

    expect(till.core.payments.find(victim.id)).toMatchObject({ status: 'awaiting_payment' });
  });
});
