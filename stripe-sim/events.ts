import { newObjectId } from './ids';
import type { SimStore } from './sim-state';
import { stripeErrors } from './stripe-errors';
import { STRIPE_API_VERSION, type RequestContext, type StripeEvent } from './stripe-objects';
import type { FormObject, FormValue } from './form-body';
import { assertKnownParams, parseIntegerParam } from './params';

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
    const limit = query.limit === undefined ? 10 : parseIntegerParam('limit', query.limit);
    if (limit < 1) throw stripeErrors.invalidInteger('limit', query.limit);
    if (limit > 100)
      throw stripeErrors.invalidString('limit', 'This value must be less than or equal to 100.');
    if (query.type !== undefined && query.types !== undefined)
      throw stripeErrors.invalidString('types', 'You may only specify one of these parameters: type, types.');
    if (query.starting_after !== undefined && query.ending_before !== undefined)
      throw stripeErrors.invalidString('ending_before', 'You may only specify one of these parameters: ending_before, starting_after.');

    const typeMatchers = typeFilter(query);
    const createdMatches = createdFilter(query.created);
    const oldest = this.nowSeconds() - THIRTY_DAYS_SECONDS;
    const newestFirst = [...this.store.data.events]
      .reverse()
      .filter((e) => e.created >= oldest && typeMatchers(e.type) && createdMatches(e.created));

    let page: StripeEvent[];
    let hasMore: boolean;
    if (query.ending_before !== undefined) {
      const index = cursorIndex(newestFirst, this.retrieveCursor(query.ending_before, 'ending_before'));
      const before = newestFirst.slice(0, index);
      page = before.slice(Math.max(0, before.length - limit));
      hasMore = before.length > limit;
    } else {
      const start =
        query.starting_after !== undefined
          ? cursorIndex(newestFirst, this.retrieveCursor(query.starting_after, 'starting_after')) + 1
          : 0;
      page = newestFirst.slice(start, start + limit);
      hasMore = newestFirst.length > start + limit;
    }
    return { object: 'list', data: page, has_more: hasMore, url: '/v1/events' };
  }

  private retrieveCursor(value: FormValue, param: string): StripeEvent {
    if (typeof value !== 'string') throw stripeErrors.invalidString(param, `Invalid string: ${param}`);
    const event = this.store.data.events.find((e) => e.id === value);
    if (!event) throw stripeErrors.resourceMissing('event', value, param);
    return event;
  }
}

/** Position of the cursor event in the filtered list, or where it would sit if filtered out. */
function cursorIndex(newestFirst: StripeEvent[], cursor: StripeEvent): number {
  const exact = newestFirst.indexOf(cursor);
  if (exact >= 0) return exact;
  const older = newestFirst.findIndex((e) => e.created < cursor.created);
  return older >= 0 ? older : newestFirst.length;
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

function createdFilter(created: FormValue | undefined): (created: number) => boolean {
  if (created === undefined) return () => true;
  if (typeof created === 'string') {
    const exact = parseIntegerParam('created', created);
    return (c) => c === exact;
  }
  if (Array.isArray(created)) throw stripeErrors.invalidString('created', 'Invalid created: expected an integer or a hash');
  assertKnownParams(created, ['gt', 'gte', 'lt', 'lte'], 'created');
  const bound = (k: 'gt' | 'gte' | 'lt' | 'lte') =>
    created[k] === undefined ? undefined : parseIntegerParam(`created[${k}]`, created[k]);
  const gt = bound('gt');
  const gte = bound('gte');
  const lt = bound('lt');
  const lte = bound('lte');
  return (c) =>
    (gt === undefined || c > gt) &&
    (gte === undefined || c >= gte) &&
    (lt === undefined || c < lt) &&
    (lte === undefined || c <= lte);
}
