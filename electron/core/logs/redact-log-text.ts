// What must never reach a log line, whoever writes it (the core, the desktop shell, a library's error):
// Stripe secrets, the webhook signing secret, tokens, PINs and customers' e-mail addresses. Patterns
// catch what has a recognisable shape; the secrets this till actually holds are also removed by value,
// because a relay or API token can look like anything.
import type { CoreConfig } from '../config/core-config';

/** Addresses under .invalid (reserved, RFC 2606) belong to nobody: the till's placeholder stays readable. */
const emailOrPlaceholder = (address: string): string => (/\.invalid$/i.test(address) ? address : '[email]');

const REPLACEMENTS: readonly [RegExp, string | ((match: string) => string)][] = [
  // Stripe secret and restricted keys, webhook signing secrets (whsec_…).
  [/\b(sk|rk|whsec)_[A-Za-z0-9_*]+/g, '$1_[redacted]'],
  [/\b(Bearer)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  // name=value or "name": "value" for anything called a token, secret or password (POS_RELAY_TOKEN=…, "relayToken":"…").
  // A value must follow at once or in quotes, so prose such as "webhook secret: not set" stays readable.
  [/(\b\w*(?:token|secret|password)(?:["']?\s*[:=]\s*["']|["']?[:=]))(?!\[redacted\])[^\s"'&,;}]+/gi, '$1[redacted]'],
  // PINs (4–6 digits) next to the word: pin=1234, "pin":"1234", managerPin: 123456, PIN 1234.
  [/(\b\w*pin["']?\s*[:=]?\s*["']?)\d{4,6}\b/gi, '$1[redacted]'],
  // E-mail addresses, plain and URL-encoded (a Stripe request body says billing_details[email]=a%40b.com).
  [/[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gi, emailOrPlaceholder],
];

/** Secrets shorter than this are not removed by value (they would blank out ordinary words and numbers). */
const MIN_KNOWN_SECRET_LENGTH = 8;

/** The text with every secret-shaped part, and every one of `knownSecrets`, replaced. */
export function redactLogText(text: string, knownSecrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= MIN_KNOWN_SECRET_LENGTH) out = out.split(secret).join('[redacted]');
  }
  // Two calls: TypeScript's replace overloads take a string or a function, not a union of both.
  for (const [pattern, replacement] of REPLACEMENTS) out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  return out;
}

/** The secrets a configuration holds (for removal by value). */
export function secretsOf(config: Pick<CoreConfig, 'stripeSecretKey' | 'stripeWebhookSecrets' | 'relayToken' | 'apiToken'>): string[] {
  return [config.stripeSecretKey, ...config.stripeWebhookSecrets, config.relayToken, config.apiToken].filter((value): value is string => typeof value === 'string' && value.length > 0);
}
