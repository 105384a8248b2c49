/** Shared set-up for the simulator tests: an in-process sim on a random port + the real SDK. */
import Stripe from 'stripe';
import { expect } from 'vitest';
import { startStripeSim, type StripeSim, type StripeSimOptions } from '../../stripe-sim/index';
import { createParamsErrors, validateAgainstStripeSchema } from './stripe-schemas';

export interface TestSim {
  sim: StripeSim;
  stripe: Stripe;
}

export function sdkFor(sim: StripeSim, key = 'sk_test_chamra_sim', config: Stripe.StripeConfig = {}): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port: sim.port, protocol: 'http', ...config });
}

export async function startTestSim(options: StripeSimOptions = {}): Promise<TestSim> {
  const sim = await startStripeSim({ port: 0, ...options });
  return { sim, stripe: sdkFor(sim) };
}

/** The create-and-confirm call Chamra POS makes for one sale. */
export function promptPayParams(overrides: Partial<Stripe.PaymentIntentCreateParams> = {}): Stripe.PaymentIntentCreateParams {
  const params: Stripe.PaymentIntentCreateParams = {
    amount: 12_550,
    currency: 'thb',
    allowed_payment_method_types: ['promptpay'],
    payment_method_data: { type: 'promptpay', billing_details: { email: 'customer@example.com' } },
    confirm: true,
    description: 'Sale S-0001',
    metadata: { sale_id: 'S-0001', order_ref: 'ORD-9', cashier: 'nok', till: 'till-1' },
    ...overrides,
  };
  // Every request the tests send must be one Stripe's own schema accepts.
  expect(createParamsErrors(params)).toEqual([]);
  return params;
}

export function expectStripeShape(schemaName: string, value: unknown): void {
  expect(validateAgainstStripeSchema(schemaName, value)).toEqual([]);
}

/** Events carry PaymentIntent snapshots; both layers must be Stripe-shaped. */
export function expectEventShape(event: unknown): void {
  expectStripeShape('event', event);
  expectStripeShape('payment_intent', (event as { data: { object: unknown } }).data.object);
}

export interface RawResponse {
  status: number;
  headers: Headers;
  json: unknown;
}

/** A plain HTTP call, for exact bodies/headers the SDK hides (and for requests it refuses to make). */
export async function rawRequest(
  sim: StripeSim,
  method: string,
  path: string,
  options: { form?: string; json?: unknown; headers?: Record<string, string>; apiKey?: string | null } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const apiKey = options.apiKey === undefined ? 'sk_test_chamra_sim' : options.apiKey;
  if (apiKey !== null) headers.Authorization = `Bearer ${apiKey}`;
  if (options.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.form;
  const res = await fetch(`${sim.url}${path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, json };
}

export const PROMPTPAY_FORM =
  'amount=12550&currency=thb&allowed_payment_method_types[0]=promptpay&payment_method_data[type]=promptpay' +
  '&payment_method_data[billing_details][email]=customer%40example.com&confirm=true&metadata[sale_id]=S-1';
