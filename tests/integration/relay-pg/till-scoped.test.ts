// Till-scoped streams across relay instances on one PostgreSQL database (issue 11): whichever instance
// Stripe posts to and whichever a till is connected to, a bound till gets only its own events, from an
// instance's in-memory tail and from the table alike; a refund without metadata stored by one instance
// follows its PaymentIntent's event stored by another; Last-Event-ID resumes on any instance.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_OWN, deliver } from '../../relay/relay-fixture';
import { openSse } from '../../relay/sse-client';
import {
  BANGRAK, SILOM, TOKEN_BANGRAK, TOKEN_SILOM, chainOptions, chargeEvent, eventsUntil, idsOf, paymentIntentEvent, refundEvent,
} from '../../relay/till-scoping-fixture';
import { CLUSTER_START_TIMEOUT_MS, PgRelayHarness } from './pg-relay-harness';

const harness = new PgRelayHarness();
// initdb and a first start take seconds, more on a busy CI machine.
beforeAll(() => harness.startCluster(), CLUSTER_START_TIMEOUT_MS);
afterAll(() => harness.stopCluster(), CLUSTER_START_TIMEOUT_MS);
afterEach(() => harness.cleanup());

// Real servers on a shared two-core machine: generous, never asserted on.
describe('till-scoped streams on two PostgreSQL relay instances', { timeout: 60_000 }, () => {
  it('streams each bound till only its own events wherever they came in; the unbound token gets all', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance(chainOptions());
    const b = await harness.startInstance(chainOptions());
    const bangrakOnB = await openSse(`${b.url}/events`, { token: TOKEN_BANGRAK });
    const silomOnA = await openSse(`${a.url}/events`, { token: TOKEN_SILOM });
    const unboundOnB = await openSse(`${b.url}/events`, { token: TOKEN_OWN });
    await Promise.all([bangrakOnB.comment('connected'), silomOnA.comment('connected'), unboundOnB.comment('connected')]);

    const sent = [
      [a, paymentIntentEvent('evt_bangrak_paid', 'pi_bangrak1', BANGRAK)],
      [b, paymentIntentEvent('evt_silom_paid', 'pi_silom1', SILOM)],
      [b, refundEvent('evt_bangrak_refund', 're_bangrak1', 'pi_bangrak1', BANGRAK)],
      // Stored by A; its PaymentIntent's event was stored by B: routed through the shared table.
      [a, refundEvent('evt_silom_dashboard_refund', 're_silom1', 'pi_silom1', null)],
      [b, chargeEvent('evt_bangrak_charge_refunded', 'pi_bangrak1')],
      [a, paymentIntentEvent('evt_dashboard_paid', 'pi_dashboard1', null)],
      [b, refundEvent('evt_unknown_refund', 're_unknown1', 'pi_neverseen1', null)],
      [a, paymentIntentEvent('evt_bangrak_marker', 'pi_bangrak2', BANGRAK)],
      [b, paymentIntentEvent('evt_silom_marker', 'pi_silom2', SILOM)],
    ] as const;
    for (const [relay, event] of sent) await deliver(relay, harness.clock, event);

    expect(idsOf(await eventsUntil(bangrakOnB, 'evt_bangrak_marker'))).toEqual([
      'evt_bangrak_paid', 'evt_bangrak_refund', 'evt_bangrak_charge_refunded', 'evt_bangrak_marker',
    ]);
    expect(idsOf(await eventsUntil(silomOnA, 'evt_silom_marker'))).toEqual(['evt_silom_paid', 'evt_silom_dashboard_refund', 'evt_silom_marker']);
    expect(idsOf(await eventsUntil(unboundOnB, 'evt_silom_marker'))).toEqual(sent.map(([, event]) => event.id));
    const routed = await harness.sql<{ event_id: string; till_key: string | null }>('SELECT event_id, till_key FROM relay_events ORDER BY seq');
    expect(routed.filter((row) => row.till_key === null).map((row) => row.event_id)).toEqual(['evt_dashboard_paid', 'evt_unknown_refund']);
    for (const stream of [bangrakOnB, silomOnA, unboundOnB]) stream.close();
  });

  it('catches a bound till up from the table on an instance started later, and resumes after its Last-Event-ID on another', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance(chainOptions());
    const b = await harness.startInstance(chainOptions());
    await deliver(a, harness.clock, paymentIntentEvent('evt_bangrak_paid', 'pi_bangrak1', BANGRAK));
    await deliver(b, harness.clock, paymentIntentEvent('evt_silom_paid', 'pi_silom1', SILOM));
    await deliver(a, harness.clock, refundEvent('evt_bangrak_dashboard_refund', 're_bangrak1', 'pi_bangrak1', null));
    await deliver(b, harness.clock, paymentIntentEvent('evt_dashboard_paid', 'pi_dashboard1', null));
    await deliver(a, harness.clock, paymentIntentEvent('evt_bangrak_marker', 'pi_bangrak2', BANGRAK));
    // C's in-memory tail starts empty: this till's catch-up is read from the table.
    const c = await harness.startInstance(chainOptions());

    const onC = await openSse(`${c.url}/events`, { token: TOKEN_BANGRAK });
    const caughtUp = await eventsUntil(onC, 'evt_bangrak_marker');
    onC.close();
    // Offline while both tills sold again, through both instances.
    await deliver(b, harness.clock, paymentIntentEvent('evt_silom_paid_2', 'pi_silom3', SILOM));
    await deliver(c, harness.clock, refundEvent('evt_bangrak_refund_2', 're_bangrak2', 'pi_bangrak2', BANGRAK));
    await deliver(a, harness.clock, chargeEvent('evt_silom_charge_refunded', 'pi_silom3'));
    await deliver(b, harness.clock, paymentIntentEvent('evt_bangrak_marker_2', 'pi_bangrak4', BANGRAK));

    // Resumes on B (its tail holds everything since it started) and on C (behind its tail: the table).
    const onB = await openSse(`${b.url}/events`, { token: TOKEN_BANGRAK, lastEventId: caughtUp[0].seq });
    const resumedOnB = await eventsUntil(onB, 'evt_bangrak_marker_2');
    const onCAgain = await openSse(`${c.url}/events`, { token: TOKEN_BANGRAK, lastEventId: caughtUp[0].seq });
    const resumedOnC = await eventsUntil(onCAgain, 'evt_bangrak_marker_2');

    expect(idsOf(caughtUp)).toEqual(['evt_bangrak_paid', 'evt_bangrak_dashboard_refund', 'evt_bangrak_marker']);
    const expected = ['evt_bangrak_dashboard_refund', 'evt_bangrak_marker', 'evt_bangrak_refund_2', 'evt_bangrak_marker_2'];
    expect(idsOf(resumedOnB)).toEqual(expected);
    expect(resumedOnC).toEqual(resumedOnB);
    // The global sequence: other tills' events leave gaps, and numbers only grow.
    expect(resumedOnB[0].seq).toBeGreaterThan(caughtUp[0].seq + 1);
    expect(resumedOnB.map((event) => event.seq)).toEqual([...resumedOnB.map((event) => event.seq)].sort((x, y) => x - y));
    onB.close();
    onCAgain.close();
  });
});
