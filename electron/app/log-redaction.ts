// Anything we log goes through here, so a Stripe key or webhook secret inside an error message or a
// stack (from a library, say) never reaches a log file.
const STRIPE_KEY_PATTERN = /\b(sk|rk|whsec)_[A-Za-z0-9_]+/g;

/** Any text with Stripe secrets replaced. */
export function redactSecrets(text: string): string {
  return text.replace(STRIPE_KEY_PATTERN, '$1_[redacted]');
}

export function describeError(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}
