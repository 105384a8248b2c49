// The surface the core offers to its hosts (the Electron shell and browser mode) and to the HTTP
// server. Hosts never reach past it.
import type { PaymentPathStatus, PosEvent, PosOperation } from '../../shared/pos-contract';
import type { StripeWebhookReceiver } from './push/stripe-webhook-receiver';
import type { PosResult } from '../../shared/pos-error';
import type { Sale } from '../../shared/sale';
import type { CoreConfig } from './config/core-config';
import type { ChargeOptions } from './payments/payment-service';
import type { ManagerFacade } from './manager/manager-side';

/** Who is calling, so audit rows and sales record it. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'rest';
  /**
   * A stable, unguessable identity of the calling client, provided by the transport (IPC: the window;
   * HTTP: an HttpOnly cookie). Sign-in sessions are bound to it; renderers never handle tokens.
   */
  clientKey?: string;
  /**
   * Where the call comes from, set by the transport (HTTP: the caller's network address, every caller
   * on the till's own machine sharing one; IPC: the window). Wrong PINs are throttled by it, since a
   * caller can drop its cookie for a fresh `clientKey` but cannot change its address.
   */
  clientAddress?: string;
  /**
   * Set by the HTTP transport when the caller is off the till's own machine (a tablet on the LAN):
   * it may then only pair (`displays.pair`) and, once paired, read the customer feed.
   */
  offTill?: boolean;
  cashier?: string | null;
  /** Set by the dispatcher from the session bound to `clientKey` (never from the caller). */
  cashierId?: string | null;
  /** The role in force for this call (a cashier elevated by a manager's PIN counts as manager). */
  role?: 'cashier' | 'manager' | null;
}

/** The payment operations the integration REST API uses directly. */
export interface PaymentsFacade {
  charge(request: ChargeOptions): Promise<Sale>;
  cancel(saleId: string): Promise<Sale>;
  /** New QR for an expired or failed sale: same sale, amount and PaymentIntent (POST /payments/:id/renew). */
  renew(saleId: string): Promise<Sale>;
  /** By sale id or PaymentIntent id; null when unknown. */
  find(idOrPaymentIntentId: string): Sale | null;
  /** Metadata a REST caller attached to the charge. */
  metadataOf(saleId: string): Record<string, string>;
}

/** What the HTTP event stream needs to know about paired displays. */
export interface DisplaysFacade {
  /** Whether this client key is a paired display (and notes that it was seen). */
  isPaired(clientKey: string | undefined): boolean;
  /** Called after a display is unpaired; returns the unsubscribe function. */
  onUnpaired(listener: () => void): () => void;
}

export interface PosCore {
  readonly config: CoreConfig;
  /** Validates `input` against the operation's schema and runs it. Never throws. */
  dispatch(op: PosOperation | string, input: unknown, context: CallContext): Promise<PosResult<unknown>>;
  /** Every event for the screens (sale.updated, …). Returns the unsubscribe function. */
  subscribe(listener: (event: PosEvent) => void): () => void;
  readonly payments: PaymentsFacade;
  /** Pushed Stripe events (local webhook endpoint, relay): signature check, dedupe, transitions. */
  readonly webhooks: StripeWebhookReceiver;
  /** Which path confirms payments right now. */
  paymentPath(): PaymentPathStatus;
  /** Reports, exports and refund news for the HTTP routes and the push path. */
  readonly manager: ManagerFacade;
  /** Paired customer displays (browser mode): who may read the customer feed from off the till. */
  readonly displays: DisplaysFacade;
  /** Base URL of the embedded Stripe simulator in demo mode (for /_sim forwarding); null otherwise. */
  readonly simulatorUrl: string | null;
  /** Resolves once the watcher's Stripe work in flight has settled (tests driving a manual clock). */
  settled?(): Promise<void>;
  close(): Promise<void>;
}
