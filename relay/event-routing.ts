// Which till a Stripe event belongs to (issue 11: a till only ever sees its own events). Decided once,
// at ingest, from the event's object: Chamra's tills put `shop_id` and `till_id` in the metadata of every
// PaymentIntent and refund they create. Objects that carry no such metadata (a Charge, a refund made in
// the dashboard) name their PaymentIntent; the event log then takes the till of an earlier stored event
// of that PaymentIntent (see EventLog.insert). Everything else belongs to no till: no bound till gets
// those (a push is only a hint; tills reconcile with Stripe), account-wide tokens still do.
import { SHOP_OR_TILL_ID } from './head-office/head-office-config';

const PAYMENT_INTENT_ID = /^pi_[A-Za-z0-9_]{1,250}$/;

export interface EventRoute {
  /** `<shopId>/<tillId>` from the object's own metadata; null when it carries none (or a malformed one). */
  tillKey: string | null;
  /** The PaymentIntent the object is or names, for routing events of objects without metadata. */
  paymentIntent: string | null;
}

/** The routing key stored with an event and compared with a bound till's identity. Ids never contain '/'. */
export function tillKeyOf(shopId: string, tillId: string): string {
  return `${shopId}/${tillId}`;
}

/** Reads the route from a verified event (`data.object`); never throws on shapes it does not know. */
export function routeOfEvent(event: Record<string, unknown>): EventRoute {
  const data = event.data;
  const object = isRecord(data) && isRecord(data.object) ? data.object : null;
  if (!object) return { tillKey: null, paymentIntent: null };
  return { tillKey: tillKeyFromMetadata(object.metadata), paymentIntent: paymentIntentOf(object) };
}

function tillKeyFromMetadata(metadata: unknown): string | null {
  if (!isRecord(metadata)) return null;
  const { shop_id: shopId, till_id: tillId } = metadata;
  if (typeof shopId !== 'string' || typeof tillId !== 'string') return null;
  // Only both together name one till: a till_id alone ("till-1") exists in every shop of a chain.
  if (!SHOP_OR_TILL_ID.test(shopId) || !SHOP_OR_TILL_ID.test(tillId)) return null;
  return tillKeyOf(shopId, tillId);
}

function paymentIntentOf(object: Record<string, unknown>): string | null {
  const candidate = object.object === 'payment_intent' ? object.id : object.payment_intent;
  // Expanded (an object) in some API versions and event types.
  const id = isRecord(candidate) ? candidate.id : candidate;
  return typeof id === 'string' && PAYMENT_INTENT_ID.test(id) ? id : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
