import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random alphanumeric string from a CSPRNG (ids must not be guessable, like Stripe's). */
export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** Stripe-style object id: `pi_` + 24 random characters, `evt_` + 24, and so on. */
export function newObjectId(prefix: 'pi' | 'pm' | 'py' | 'evt' | 're' | 'txn' | 'we' | 'whdel'): string {
  return `${prefix}_${randomAlphanumeric(24)}`;
}

export function newRequestId(): string {
  return `req_${randomAlphanumeric(14)}`;
}

export function newClientSecret(paymentIntentId: string): string {
  return `${paymentIntentId}_secret_${randomAlphanumeric(25)}`;
}

/** A webhook endpoint signing secret, like Stripe's `whsec_` + 32 characters. */
export function newWebhookSecret(): string {
  return `whsec_${randomAlphanumeric(32)}`;
}
