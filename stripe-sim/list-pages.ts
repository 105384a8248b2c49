/** Stripe's list conventions shared by the list endpoints: `created` filters, `limit`, cursor pages. */
import type { FormObject, FormValue } from './form-body';
import { assertKnownParams, parseIntegerParam } from './params';
import { stripeErrors } from './stripe-errors';

export interface Listed {
  id: string;
  created: number;
}

/** `limit` (default 10, 1–100) and at most one of `starting_after` / `ending_before`. */
export function parseListLimit(query: FormObject): number {
  const limit = query.limit === undefined ? 10 : parseIntegerParam('limit', query.limit);
  if (limit < 1) throw stripeErrors.invalidInteger('limit', query.limit);
  if (limit > 100) throw stripeErrors.invalidString('limit', 'This value must be less than or equal to 100.');
  if (query.starting_after !== undefined && query.ending_before !== undefined)
    throw stripeErrors.invalidString('ending_before', 'You may only specify one of these parameters: ending_before, starting_after.');
  return limit;
}

/** `created=<unix>` or `created[gt|gte|lt|lte]=<unix>` as a predicate. */
export function createdFilter(created: FormValue | undefined): (created: number) => boolean {
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

/** Position of the cursor object in the filtered list, or where it would sit if filtered out. */
function cursorIndex<T extends Listed>(newestFirst: T[], cursor: T): number {
  const exact = newestFirst.indexOf(cursor);
  if (exact >= 0) return exact;
  const older = newestFirst.findIndex((e) => e.created < cursor.created);
  return older >= 0 ? older : newestFirst.length;
}

/**
 * One page of a newest-first list. `findCursor` returns the object a cursor id names (it may be
 * filtered out of the list, as Stripe allows) or throws Stripe's resource_missing.
 */
export function pageNewestFirst<T extends Listed>(
  newestFirst: T[],
  query: FormObject,
  limit: number,
  findCursor: (value: FormValue, param: 'starting_after' | 'ending_before') => T,
): { page: T[]; hasMore: boolean } {
  if (query.ending_before !== undefined) {
    const index = cursorIndex(newestFirst, findCursor(query.ending_before, 'ending_before'));
    const before = newestFirst.slice(0, index);
    return { page: before.slice(Math.max(0, before.length - limit)), hasMore: before.length > limit };
  }
  const start = query.starting_after !== undefined ? cursorIndex(newestFirst, findCursor(query.starting_after, 'starting_after')) + 1 : 0;
  return { page: newestFirst.slice(start, start + limit), hasMore: newestFirst.length > start + limit };
}
