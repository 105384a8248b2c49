/** Stripe's error envelope: `{error: {type, code, message, param?, doc_url?, ...}}`. */

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  code?: string;
  message: string;
  param?: string;
  doc_url?: string;
  request_log_url?: string;
  payment_intent?: unknown;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }

  toJSON(): { error: StripeErrorBody } {
    return { error: this.body };
  }
}

function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;
}

export function invalidRequest(code: string | undefined, message: string, param?: string, status = 400): StripeApiError {
  return new StripeApiError(status, {
    type: 'invalid_request_error',
    ...(code ? { code, doc_url: docUrl(code) } : {}),
    message,
    ...(param !== undefined ? { param } : {}),
  });
}

export const stripeErrors = {
  parameterMissing: (param: string) => invalidRequest('parameter_missing', `Missing required param: ${param}.`, param),
  parameterUnknown: (param: string) =>
    invalidRequest('parameter_unknown', `Received unknown parameter: ${param}`, param),
  invalidInteger: (param: string, value: unknown) =>
    invalidRequest('parameter_invalid_integer', `Invalid integer: ${String(value)}`, param),
  invalidBoolean: (param: string, value: unknown) =>
    invalidRequest('parameter_invalid_string', `Invalid boolean: ${String(value)}`, param),
  invalidString: (param: string, message: string) => invalidRequest('parameter_invalid_string', message, param),
  resourceMissing: (kind: string, id: string, param: string) =>
    invalidRequest('resource_missing', `No such ${kind}: '${id}'`, param, 404),
  idempotencyParamsMismatch: (key: string) =>
    new StripeApiError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    }),
  idempotencyEndpointMismatch: (key: string, endpoint: string) =>
    new StripeApiError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    }),
  missingApiKey: () =>
    invalidRequest(
      undefined,
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      undefined,
      401,
    ),
  invalidApiKey: (maskedKey: string) =>
    invalidRequest(undefined, `Invalid API Key provided: ${maskedKey}`, undefined, 401),
  unrecognizedUrl: (method: string, path: string) =>
    invalidRequest(
      undefined,
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      undefined,
      404,
    ),
  simulatedOutage: () =>
    new StripeApiError(500, {
      type: 'api_error',
      message: 'An unknown error occurred (simulated outage from stripe-sim /_sim/faults).',
    }),
  /** Stripe's 429 (the SDK maps it to StripeRateLimitError). */
  rateLimited: () =>
    invalidRequest(
      'rate_limit',
      'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
      undefined,
      429,
    ),
  internal: (detail: string) =>
    new StripeApiError(500, { type: 'api_error', message: `An unknown error occurred in stripe-sim: ${detail}` }),
};

/**
 * Masks a rejected key the way Stripe does (prefix + stars + last 4) so logs and
 * error bodies never contain the whole secret. Short keys are masked entirely.
 */
export function maskApiKey(key: string): string {
  const prefix = /^[a-z]{2,4}_(test|live)_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  if (rest.length <= 8) return `${prefix}${'*'.repeat(Math.max(rest.length, 4))}`;
  return `${prefix}${'*'.repeat(rest.length - 4)}${rest.slice(-4)}`;
}
