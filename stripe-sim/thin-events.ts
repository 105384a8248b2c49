import type { StripeEvent } from './stripe-objects';

/**
 * A "thin" event notification, what Stripe sends to an event destination whose payload style is
 * thin (API 2026-09-30.endive): no object snapshot, only a reference to fetch. Chamra POS needs
 * snapshots, so the simulator offers thin delivery only to test that the till says so plainly.
 */
export function thinEventNotification(event: StripeEvent): Record<string, unknown> {
  const object = event.data.object as { id?: string; object?: string };
  return {
    id: `evt_test_${event.id.slice('evt_'.length)}`, // one id per event, stable across retries
    object: 'v2.core.event',
    type: `v1.${event.type}`,
    livemode: event.livemode,
    created: new Date(event.created * 1000).toISOString(),
    related_object: object.id && object.object ? { id: object.id, type: object.object, url: `/v1/${object.object}s/${object.id}` } : null,
    snapshot_event: event.id,
  };
}
