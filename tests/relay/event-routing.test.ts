// Which till an event's object names, read from shapes Stripe sends and from ones it should not.
import { describe, expect, it } from 'vitest';
import { routeOfEvent } from '../../relay/event-routing';

const event = (object: unknown) => ({ id: 'evt_1', object: 'event', type: 'x', data: { object } });

describe('routeOfEvent', () => {
  it('takes the shop and till from a PaymentIntent\'s metadata, and the PaymentIntent itself', () => {
    expect(routeOfEvent(event({ id: 'pi_123', object: 'payment_intent', metadata: { shop_id: 'bangrak', till_id: 'till-1' } }))).toEqual({
      tillKey: 'bangrak/till-1', paymentIntent: 'pi_123',
    });
  });

  it('takes the PaymentIntent a refund or Charge names, as an id or expanded', () => {
    expect(routeOfEvent(event({ id: 're_1', object: 'refund', payment_intent: 'pi_9', metadata: {} }))).toEqual({ tillKey: null, paymentIntent: 'pi_9' });
    expect(routeOfEvent(event({ id: 'ch_1', object: 'charge', payment_intent: { id: 'pi_8', object: 'payment_intent' } }))).toEqual({
      tillKey: null, paymentIntent: 'pi_8',
    });
  });

  it('routes nowhere on a till id alone, ids the relay could not bind, or no object at all', () => {
    const cases: unknown[] = [
      { id: 'pi_1', object: 'payment_intent', metadata: { till_id: 'till-1' } },
      { id: 'pi_1', object: 'payment_intent', metadata: { shop_id: 'a/b', till_id: 'till-1' } },
      { id: 'pi_1', object: 'payment_intent', metadata: { shop_id: 'bangrak', till_id: 'x'.repeat(61) } },
      { id: 'pi_1', object: 'payment_intent', metadata: { shop_id: 7, till_id: 'till-1' } },
      { id: 'pi_1', object: 'payment_intent', metadata: ['bangrak', 'till-1'] },
    ];
    for (const object of cases) expect(routeOfEvent(event(object)).tillKey).toBeNull();
    expect(routeOfEvent({ id: 'evt_1', object: 'event' })).toEqual({ tillKey: null, paymentIntent: null });
    expect(routeOfEvent(event({ id: 're_1', object: 'refund', payment_intent: 'not a pi' })).paymentIntent).toBeNull();
  });
});
