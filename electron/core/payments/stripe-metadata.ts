// The metadata every PaymentIntent carries, so a sale can be traced from Stripe's dashboard back to
// the till, and integrators' own keys stay within Stripe's limit of 50.
import type { SaleRecord } from '../ledger/sales-repository';

export const RESERVED_METADATA_KEYS = ['sale_id', 'till_id', 'shop_id', 'source', 'order_reference', 'cashier'] as const;
const STRIPE_METADATA_MAX_KEYS = 50;
/** How many keys an integrator may add on top of ours. */
export const CALLER_METADATA_MAX_KEYS = STRIPE_METADATA_MAX_KEYS - RESERVED_METADATA_KEYS.length;

export function stripeMetadataFor(sale: SaleRecord): Record<string, string> {
  const ours: Record<string, string> = { sale_id: sale.id, till_id: sale.tillId, source: sale.source };
  if (sale.orderRef) ours.order_reference = sale.orderRef;
  if (sale.cashier) ours.cashier = sale.cashier;
  return { ...sale.metadata, ...ours };
}

/**
 * The shop and till a Stripe object belongs to (POS_SHOP_ID, POS_TILL_ID), on every PaymentIntent and
 * refund the till creates: a relay streams that object's events to this till only (relay/README.md).
 */
export function tillRoutingMetadata(till: { shopId: string; tillId: string }): Record<string, string> {
  return { shop_id: till.shopId, till_id: till.tillId };
}
