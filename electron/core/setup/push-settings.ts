// Webhook signing secret and relay, as the manager enters them in setup: the same rules the
// environment's values meet at start (loadCoreConfig, checkRelayUrl), each refusal with its own
// problem code, and a cheap look at the relay (does it answer, does it take this till's token).
import { PosError } from '../../../shared/pos-error';
import type { SetupProblem } from '../../../shared/setup';
import { checkRelayUrl, RelayUrlError, relayEventsUrl } from '../push/relay-client';

/** What is kept after a save: null where nothing is set. */
export interface PushSettings {
  webhookSecret: string | null;
  relayUrl: string | null;
  relayToken: string | null;
}

export interface PushSettingsInput {
  webhookSecret?: string | null;
  relayUrl?: string | null;
  relayToken?: string | null;
}

function problem(setupProblem: SetupProblem, field: string, message: string): PosError {
  return new PosError('invalid_input', message, field, { setupProblem });
}

/** Stripe's signing secrets (comma-separated while rolling one: the new and the previous). */
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/=_-]{8,}$/;

/** `current` with the input applied (undefined keeps, null or blank removes), checked as a whole. */
export function mergePushSettings(current: PushSettings, input: PushSettingsInput): PushSettings {
  const pick = (value: string | null | undefined, kept: string | null) => (value === undefined ? kept : value === null || value.trim() === '' ? null : value.trim());
  const next: PushSettings = {
    webhookSecret: pick(input.webhookSecret, current.webhookSecret),
    relayUrl: pick(input.relayUrl, current.relayUrl),
    relayToken: pick(input.relayToken, current.relayToken),
  };
  // A token belongs to its relay: removing the relay removes it.
  if (next.relayUrl === null && input.relayUrl !== undefined) next.relayToken = null;
  if (next.webhookSecret !== null) {
    const secrets = next.webhookSecret.split(',').map((secret) => secret.trim());
    if (!secrets.every((secret) => WEBHOOK_SECRET.test(secret))) {
      throw problem('webhook_secret_shape', 'webhookSecret', "This is not a webhook signing secret: copy the one that starts with whsec_ from the endpoint's page in Stripe (Developers → Webhooks).");
    }
    next.webhookSecret = secrets.join(',');
  }
  if (next.relayUrl !== null) {
    try {
      next.relayUrl = checkRelayUrl(next.relayUrl).href;
    } catch (error) {
      if (!(error instanceof RelayUrlError)) throw error;
      throw problem('relay_url', 'relayUrl', 'The relay address must start with https:// (plain http:// only for 127.0.0.1 or localhost), without a user name or password in it.');
    }
    if (next.relayToken === null) throw problem('relay_token_missing', 'relayToken', "The relay needs this till's token: paste the token the relay's administrator gave for this till.");
    if (next.webhookSecret === null) {
      throw problem('relay_needs_webhook_secret', 'webhookSecret', "A relay needs the webhook signing secret too: the till checks Stripe's signature on every relayed event itself.");
    }
  }
  return next;
}

/**
 * Opens the relay's event stream with the token and drops it at once: 401/403 is a refused token,
 * no answer (or 5xx) an unreachable relay. Nothing is read from the stream.
 */
export async function checkRelayReachable(url: string, token: string, timeoutMs = 10_000): Promise<void> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(relayEventsUrl(url), { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: abort.signal, redirect: 'error' });
    } catch {
      throw problem('relay_unreachable', 'relayUrl', 'The relay could not be reached at this address: check the address and that the relay is running, then save again. Nothing was saved.');
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 401 || response.status === 403) {
      throw problem('relay_refused', 'relayToken', "The relay refused this till's token: check the token with the relay's administrator. Nothing was saved.");
    }
    if (!response.ok) {
      throw problem('relay_unreachable', 'relayUrl', `The relay answered ${response.status} instead of its event stream: check the address (it is the relay's base address). Nothing was saved.`);
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}
