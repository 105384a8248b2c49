import { newObjectId } from './ids';
import type { SimStore } from './sim-state';
import { stripeErrors } from './stripe-errors';
import { STRIPE_API_VERSION, type RequestContext, type StripeEvent } from './stripe-objects';
import type { FormObject, FormValue } from './form-body';
import { assertKnownParams } from './params';
import { createdFilter, pageNewestFirst, parseListLimit } from './list-pages';

export type EventListener = (event: StripeEvent) => void;

const THIRTY_DAYS_SECONDS = 30 * 24 * 60 * 60;

/**
 * The single place events are created. Webhook delivery (and anything else that reacts to
 * events) should subscribe here rather than create events of its own.
 */
export class EventLog {
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly store: SimStore,
    private readonly nowSeconds: () => number,
  ) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends an event with a deep snapshot of `object`; the caller commits the store. */
  record(type: string, object: object, context: RequestContext, previousAttributes?: Record<string, unknown>): StripeEvent {
    const event: StripeEvent = {
      id: newObjectId('evt'),
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: this.nowSeconds(),
      data: {
        object: structuredClone(object) as Record<string, unknown>,
        ...(previousAttributes ? { previous_attributes: structuredClone(previousAttributes) } : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: { id: context.requestId, idempotency_key: context.idempotencyKey },
      type,
    };
    this.store.data.events.push(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  retrieve(id: string): StripeEvent {
    const event = this.store.data.events.find((e) => e.id === id);
    if (!event) throw stripeErrors.resourceMissing('event', id, 'id');
    return event;
  }

  /** GET /v1/events: newest first, filters, cursor pagination by event id. */
  list(query: FormObject): { object: 'list'; data: StripeEvent[]; has_more: boolean; url: '/v1/events' } {
    assertKnownParams(query, ['created', 'delivery_success', 'ending_before', 'expand', 'limit', 'starting_after', 'type', 'types']);
    const limit = parseListLimit(query);
    if (query.type !== undefined && query.types !== undefined)
      throw stripeErrors.invalidString('types', 'You may only specify one of these parameters: type, types.');

    const typeMatchers = typeFilter(query);
    const createdMatches = createdFilter(query.created);
    const oldest = this.nowSeconds() - THIRTY_DAYS_SECONDS;
    const newestFirst = [...this.store.data.events]
      .reverse()
      .filter((e) => e.created >= oldest && typeMatchers(e.type) && createdMatches(e.created));

    const { page, hasMore } = pageNewestFirst(newestFirst, query, limit, (value, param) => this.retrieveCursor(value, param));
    return { object: 'list', data: page, has_more: hasMore, url: '/v1/events' };
  }

  private retrieveCursor(value: FormValue, param: string): StripeEvent {
    if (typeof value !== 'string') throw stripeErrors.invalidString(param, `Invalid string: ${param}`);
    const event = this.store.data.events.find((e) => e.id === value);
    if (!event) throw stripeErrors.resourceMissing('event', value, param);
    return event;
  }
}

function typeFilter(query: FormObject): (type: string) => boolean {
  let patterns: string[] | null = null;
  if (typeof query.type === 'string') patterns = [query.type];
  else if (query.type !== undefined) throw stripeErrors.invalidString('type', 'Invalid string: type');
  if (query.types !== undefined) {
    if (!Array.isArray(query.types) || !query.types.every((t) => typeof t === 'string'))
      throw stripeErrors.invalidString('types', 'Invalid array: types');
    if (query.types.length > 20)
      throw stripeErrors.invalidString('types', 'You may pass at most 20 event types.');
    patterns = query.types as string[];
  }
  if (!patterns) return () => true;
  // Stripe allows one wildcard, e.g. `payment_intent.*`.
  const matchers = patterns.map((p) =>
    p.endsWith('.*') ? (t: string) => t.startsWith(p.slice(0, -1)) : (t: string) => t === p,
  );
  return (type) => matchers.some((m) => m(type));
}
