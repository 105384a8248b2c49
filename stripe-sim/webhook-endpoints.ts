import { createHmac } from 'node:crypto';
import { newObjectId, newWebhookSecret } from './ids';
import { invalidRequest, stripeErrors } from './stripe-errors';
import type { StripeEvent } from './stripe-objects';
import { thinEventNotification } from './thin-events';

/** Stripe's event destination payload styles: snapshot (the object, what the till needs) or thin (a reference). */
export type EventPayloadStyle = 'snapshot' | 'thin';

/** What a caller gives to register an endpoint (in-process or through `POST /_sim/webhook_endpoints`). */
export interface WebhookEndpointConfig {
  url: string;
  /** `whsec_…`; generated when omitted. */
  secret?: string;
  /** Event types to send; `*` (the default) is every event, `payment_intent.*` a family. */
  enabledEvents?: string[];
  disabled?: boolean;
  /** Default snapshot. Thin endpoints get `v2.core.event` notifications typed `v1.<event type>`. */
  eventPayload?: EventPayloadStyle;
}

/** The endpoint as the controls show it (secrets included: this is a test account). */
export interface WebhookEndpointInfo {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  secret: string;
  /** Older secrets still signing during a rotation, with when each stops (unix seconds). */
  previous_secrets: { secret: string; expires_at: number }[];
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  event_payload: EventPayloadStyle;
  created: number;
}

interface Endpoint {
  id: string;
  url: string;
  secret: string;
  previousSecrets: { secret: string; expiresAtMs: number }[];
  enabledEvents: string[];
  disabled: boolean;
  eventPayload: EventPayloadStyle;
  created: number;
}

const MAX_ROLL_EXPIRY_SECONDS = 7 * 24 * 60 * 60;
/** A roll without expires_in_seconds keeps the old secret signing for 24 hours. */
export const DEFAULT_ROLL_EXPIRY_SECONDS = 24 * 60 * 60;

/**
 * The account's webhook endpoints (in memory only: endpoints from options/env are re-added at
 * every start). Signs payloads like Stripe: `t=<unix>,v1=<hmac>` with one `v1` per live secret.
 */
export class WebhookEndpoints {
  private readonly endpoints = new Map<string, Endpoint>();

  constructor(private readonly nowMs: () => number) {}

  add(config: WebhookEndpointConfig): WebhookEndpointInfo {
    const url = validUrl(config.url);
    const secret = config.secret === undefined ? newWebhookSecret() : validSecret(config.secret);
    const endpoint: Endpoint = {
      id: newObjectId('we'),
      url,
      secret,
      previousSecrets: [],
      enabledEvents: validEnabledEvents(config.enabledEvents ?? ['*']),
      disabled: config.disabled ?? false,
      eventPayload: validEventPayload(config.eventPayload ?? 'snapshot'),
      created: Math.floor(this.nowMs() / 1000),
    };
    this.endpoints.set(endpoint.id, endpoint);
    return this.info(endpoint);
  }

  update(id: string, changes: Partial<Omit<WebhookEndpointConfig, 'secret'>>): WebhookEndpointInfo {
    const endpoint = this.require(id);
    if (changes.url !== undefined) endpoint.url = validUrl(changes.url);
    if (changes.enabledEvents !== undefined) endpoint.enabledEvents = validEnabledEvents(changes.enabledEvents);
    if (changes.disabled !== undefined) endpoint.disabled = changes.disabled;
    return this.info(endpoint);
  }

  remove(id: string): boolean {
    return this.endpoints.delete(id);
  }

  list(): WebhookEndpointInfo[] {
    return [...this.endpoints.values()].map((e) => this.info(e));
  }

  get(id: string): WebhookEndpointInfo | null {
    const endpoint = this.endpoints.get(id);
    return endpoint ? this.info(endpoint) : null;
  }

  /** Stripe's "Roll secret": a new secret now; the old one keeps signing until it expires. */
  rollSecret(id: string, expiresInSeconds = DEFAULT_ROLL_EXPIRY_SECONDS): WebhookEndpointInfo {
    const endpoint = this.require(id);
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 0 || expiresInSeconds > MAX_ROLL_EXPIRY_SECONDS)
      throw invalidRequest(undefined, `expires_in_seconds must be an integer from 0 to ${MAX_ROLL_EXPIRY_SECONDS}.`, 'expires_in_seconds');
    const now = this.nowMs();
    if (expiresInSeconds > 0) endpoint.previousSecrets.unshift({ secret: endpoint.secret, expiresAtMs: now + expiresInSeconds * 1000 });
    endpoint.secret = newWebhookSecret();
    this.pruneExpired(endpoint);
    return this.info(endpoint);
  }

  /** Enabled endpoints that want this event type. */
  matching(eventType: string): string[] {
    return [...this.endpoints.values()]
      .filter((e) => !e.disabled && e.enabledEvents.some((pattern) => eventTypeMatches(pattern, eventType)))
      .map((e) => e.id);
  }

  /**
   * Where to send, the exact bytes (pretty-printed like Stripe's; these are signed) and their
   * Stripe-Signature header, or null if the endpoint is gone or disabled.
   */
  prepare(id: string, event: StripeEvent, timestampSeconds: number): { url: string; payload: string; signature: string } | null {
    const endpoint = this.endpoints.get(id);
    if (!endpoint || endpoint.disabled) return null;
    this.pruneExpired(endpoint);
    const body = endpoint.eventPayload === 'thin' ? thinEventNotification(event) : event;
    const payload = JSON.stringify(body, null, 2);
    const secrets = [endpoint.secret, ...endpoint.previousSecrets.map((s) => s.secret)];
    return { url: endpoint.url, payload, signature: stripeSignatureHeader(payload, secrets, timestampSeconds) };
  }

  private pruneExpired(endpoint: Endpoint): void {
    const now = this.nowMs();
    endpoint.previousSecrets = endpoint.previousSecrets.filter((s) => s.expiresAtMs > now);
  }

  private require(id: string): Endpoint {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) throw stripeErrors.resourceMissing('webhook_endpoint', id, 'id');
    return endpoint;
  }

  private info(endpoint: Endpoint): WebhookEndpointInfo {
    this.pruneExpired(endpoint);
    return {
      id: endpoint.id,
      object: 'webhook_endpoint',
      url: endpoint.url,
      secret: endpoint.secret,
      previous_secrets: endpoint.previousSecrets.map((s) => ({ secret: s.secret, expires_at: Math.floor(s.expiresAtMs / 1000) })),
      enabled_events: [...endpoint.enabledEvents],
      status: endpoint.disabled ? 'disabled' : 'enabled',
      event_payload: endpoint.eventPayload,
      created: endpoint.created,
    };
  }
}

/** `t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">` with one v1 per secret, newest first. */
export function stripeSignatureHeader(payload: string, secrets: string[], timestampSeconds: number): string {
  const signed = `${timestampSeconds}.${payload}`;
  const v1 = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(signed, 'utf8').digest('hex')}`);
  return [`t=${timestampSeconds}`, ...v1].join(',');
}

/** `v1.payment_intent.succeeded` (a thin destination's name for it) matches like `payment_intent.succeeded`. */
export function eventTypeMatches(pattern: string, eventType: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('v1.')) return eventTypeMatches(pattern.slice(3), eventType);
  if (pattern.endsWith('.*')) return eventType.startsWith(pattern.slice(0, -1));
  return pattern === eventType;
}

function validUrl(value: unknown): string {
  if (typeof value !== 'string') throw invalidRequest(undefined, 'url must be an http(s) URL.', 'url');
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw invalidRequest('url_invalid', `Invalid URL: ${value}`, 'url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw invalidRequest('url_invalid', `Invalid URL: ${value} (only http and https are supported)`, 'url');
  return value;
}

function validEventPayload(value: unknown): EventPayloadStyle {
  if (value !== 'snapshot' && value !== 'thin')
    throw invalidRequest(undefined, 'event_payload must be snapshot or thin.', 'event_payload');
  return value;
}

function validSecret(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200)
    throw invalidRequest(undefined, 'secret must be a non-empty string (Stripe secrets look like whsec_…).', 'secret');
  return value;
}

function validEnabledEvents(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && /^(\*|(v1\.)?[a-z_]+(\.[a-z_]+)*(\.\*)?)$/.test(v)))
    throw invalidRequest(undefined, 'enabled_events must be a non-empty list of event types, e.g. ["*"] or ["payment_intent.succeeded"].', 'enabled_events');
  return [...value] as string[];
}
