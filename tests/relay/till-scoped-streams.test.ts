// Issue 11, "a till only ever sees its own events": a till token bound to its shop and till
// (RELAY_TILL_IDENTITIES) streams only the events of the PaymentIntents and refunds that till made,
// live and on resume; a refund or Charge without our metadata follows its PaymentIntent's earlier
// event; what nobody's till made reaches no bound till; an unbound token keeps the account's stream.
// A real relay over HTTP on a real SQLite file, with signed webhooks.
import { afterEach, describe, expect, it } from 'vitest';
import { openEventStore } from '../../relay/event-store';
import { RelayHarness, TOKEN_A, TOKEN_B, TOKEN_OWN, TOKEN_OWN_LIVE, deliver } from './relay-fixture';
import { openSse } from './sse-client';
import {
  BANGRAK, SILOM, TOKEN_BANGRAK, TOKEN_SILOM, chainOptions, chargeEvent, eventsUntil, idsOf, paymentIntentEvent, refundEvent,
} from './till-scoping-fixture';

const harness = new RelayHarness();
afterEach(() => harness.cleanup());

/** One chain's day: each till's sale and refunds, and what no till of the chain made. */
const CHAIN_EVENTS = [
  paymentIntentEvent('evt_bangrak_paid', 'pi_bangrak1', BANGRAK),
  paymentIntentEvent('evt_silom_paid', 'pi_silom1', SILOM),
  // The till's own refund: carries its shop and till.
  refundEvent('evt_bangrak_refund', 're_bangrak1', 'pi_bangrak1', BANGRAK),
  // A refund made in the dashboard: no metadata; routed by its PaymentIntent's earlier event.
  refundEvent('evt_silom_dashboard_refund', 're_silom1', 'pi_silom1', null),
  chargeEvent('evt_bangrak_charge_refunded', 'pi_bangrak1'),
  // Nobody's: a dashboard payment, a refund of a PaymentIntent the relay never saw, a till id alone.
  paymentIntentEvent('evt_dashboard_paid', 'pi_dashboard1', null),
  refundEvent('evt_unknown_refund', 're_unknown1', 'pi_neverseen1', null),
  { ...paymentIntentEvent('evt_till_id_only', 'pi_old1', null), object: { id: 'pi_old1', object: 'payment_intent', metadata: { till_id: 'till-1' } } },
];
const BANGRAK_MARKER = paymentIntentEvent('evt_bangrak_marker', 'pi_bangrak2', BANGRAK);
const SILOM_MARKER = paymentIntentEvent('evt_silom_marker', 'pi_silom2', SILOM);
const BANGRAK_OWN = ['evt_bangrak_paid', 'evt_bangrak_refund', 'evt_bangrak_charge_refunded', 'evt_bangrak_marker'];
const SILOM_OWN = ['evt_silom_paid', 'evt_silom_dashboard_refund', 'evt_silom_marker'];

describe('till-scoped streams (RELAY_TILL_IDENTITIES)', () => {
  it('streams to each bound till only its own events, live; the unbound token still gets them all', async () => {
    const relay = await harness.start(chainOptions());
    const bangrak = await openSse(`${relay.url}/events`, { token: TOKEN_BANGRAK });
    const silom = await openSse(`${relay.url}/events`, { token: TOKEN_SILOM });
    const unbound = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    await Promise.all([bangrak.comment('connected'), silom.comment('connected'), unbound.comment('connected')]);

    for (const event of [...CHAIN_EVENTS, BANGRAK_MARKER, SILOM_MARKER]) await deliver(relay, harness.clock, event);

    expect(idsOf(await eventsUntil(bangrak, 'evt_bangrak_marker'))).toEqual(BANGRAK_OWN);
    expect(idsOf(await eventsUntil(silom, 'evt_silom_marker'))).toEqual(SILOM_OWN);
    expect(idsOf(await eventsUntil(unbound, 'evt_silom_marker'))).toEqual(
      [...CHAIN_EVENTS, BANGRAK_MARKER, SILOM_MARKER].map((event) => event.id),
    );
    for (const stream of [bangrak, silom, unbound]) stream.close();
  });

  it('catches a bound till up from the log with only its own events, and resumes after its Last-Event-ID', async () => {
    const relay = await harness.start(chainOptions());
    for (const event of [...CHAIN_EVENTS, BANGRAK_MARKER, SILOM_MARKER]) await deliver(relay, harness.clock, event);

    const first = await openSse(`${relay.url}/events`, { token: TOKEN_BANGRAK });
    const caughtUp = await eventsUntil(first, 'evt_bangrak_marker');
    first.close();
    // Offline while both tills sold again.
    await deliver(relay, harness.clock, paymentIntentEvent('evt_silom_paid_2', 'pi_silom3', SILOM));
    await deliver(relay, harness.clock, refundEvent('evt_bangrak_refund_2', 're_bangrak2', 'pi_bangrak2', null, 'refund.updated'));
    await deliver(relay, harness.clock, paymentIntentEvent('evt_bangrak_marker_2', 'pi_bangrak4', BANGRAK));

    // Resumes after its second event: Last-Event-ID is the relay's global sequence number.
    const resumed = await openSse(`${relay.url}/events`, { token: TOKEN_BANGRAK, lastEventId: caughtUp[1].seq });
    const missed = await eventsUntil(resumed, 'evt_bangrak_marker_2');

    expect(idsOf(caughtUp)).toEqual(BANGRAK_OWN);
    // Sequence numbers have gaps (other tills' events), and only grow.
    expect(caughtUp.map((event) => event.seq)).toEqual([...caughtUp.map((event) => event.seq)].sort((a, b) => a - b));
    expect(caughtUp[1].seq - caughtUp[0].seq).toBeGreaterThan(1);
    expect(idsOf(missed)).toEqual(['evt_bangrak_charge_refunded', 'evt_bangrak_marker', 'evt_bangrak_refund_2', 'evt_bangrak_marker_2']);
    resumed.close();
  });

  it('keeps the account and mode bindings of a bound token', async () => {
    const relay = await harness.start({
      ...chainOptions(),
      tillTokens: [
        { token: TOKEN_OWN, account: null },
        { token: TOKEN_BANGRAK, account: null, livemode: true },
        { token: TOKEN_SILOM, account: null },
      ],
    });
    // Bangrak's till ids, but a test-mode event: its live-only token does not get it.
    await deliver(relay, harness.clock, { ...paymentIntentEvent('evt_bangrak_test_mode', 'pi_bangrak_t', BANGRAK), livemode: false });
    await deliver(relay, harness.clock, { ...paymentIntentEvent('evt_bangrak_other_account', 'pi_bangrak_x', BANGRAK), livemode: true, account: 'acct_1Elsewhere' });
    await deliver(relay, harness.clock, { ...paymentIntentEvent('evt_bangrak_live', 'pi_bangrak_l', BANGRAK), livemode: true });

    const bangrak = await openSse(`${relay.url}/events`, { token: TOKEN_BANGRAK });

    expect(idsOf(await eventsUntil(bangrak, 'evt_bangrak_live'))).toEqual(['evt_bangrak_live']);
    bangrak.close();
  });

  it('does not take the till of another account\'s event with the same PaymentIntent id', async () => {
    const relay = await harness.start(chainOptions());
    await deliver(relay, harness.clock, { ...paymentIntentEvent('evt_elsewhere', 'pi_shared1', BANGRAK), account: 'acct_1Elsewhere' });
    await deliver(relay, harness.clock, refundEvent('evt_refund_here', 're_shared1', 'pi_shared1', null));
    await deliver(relay, harness.clock, BANGRAK_MARKER);

    const bangrak = await openSse(`${relay.url}/events`, { token: TOKEN_BANGRAK });

    expect(idsOf(await eventsUntil(bangrak, 'evt_bangrak_marker'))).toEqual(['evt_bangrak_marker']);
    bangrak.close();
  });

  it('records each event\'s till in the log at ingest, and nothing for events no till made', async () => {
    const dataDir = harness.makeDataDir();
    const relay = await harness.start({ ...chainOptions(), dataDir });
    for (const event of CHAIN_EVENTS) await deliver(relay, harness.clock, event);
    await relay.close();

    const store = openEventStore(dataDir);
    const routed = store.listAfter(0, null, 100).map((event) => [event.eventId, event.tillKey]);
    store.close();

    expect(routed).toEqual([
      ['evt_bangrak_paid', 'bangrak/till-1'],
      ['evt_silom_paid', 'silom/till-1'],
      ['evt_bangrak_refund', 'bangrak/till-1'],
      ['evt_silom_dashboard_refund', 'silom/till-1'],
      ['evt_bangrak_charge_refunded', 'bangrak/till-1'],
      ['evt_dashboard_paid', null],
      ['evt_unknown_refund', null],
      ['evt_till_id_only', null],
    ]);
  });

  it('warns at start when more than one till token is unbound, and not when the tills are bound', async () => {
    const unboundLog: string[] = [];
    await harness.start({ log: (line) => unboundLog.push(line) });
    const boundLog: string[] = [];
    await harness.start({ ...chainOptions(), log: (line) => boundLog.push(line) });

    // The harness's default relay: four tokens, none bound.
    expect(unboundLog.filter((line) => line.startsWith('warning:'))).toEqual([
      expect.stringMatching(/^warning: 4 till tokens are not bound to a shop\/till in RELAY_TILL_IDENTITIES: .*every event/),
    ]);
    // One unbound token (a one-till shop's) is no warning.
    expect(boundLog.filter((line) => line.startsWith('warning:'))).toEqual([]);
    expect([...unboundLog, ...boundLog].join('\n')).not.toContain(TOKEN_OWN);
    for (const token of [TOKEN_A, TOKEN_B, TOKEN_OWN_LIVE, TOKEN_BANGRAK, TOKEN_SILOM]) expect(boundLog.join('\n')).not.toContain(token);
  });
});
