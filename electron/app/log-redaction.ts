// Anything we log about an error goes through here, so a Stripe key inside an error message (from a
// library, say) never reaches a log file.
const STRIPE_KEY_PATTERN = /\b(sk|rk|whsec)_[A-Za-z0-9_]+/g;

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(STRIPE_KEY_PATTERN, '$1_[redacted]');
}
