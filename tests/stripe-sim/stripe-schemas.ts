/**
 * Stripe's own JSON schemas (stripe-openapi/openapi-subset.json) compiled with ajv, so any test
 * can check that what the simulator (or our gateway) sends and receives is Stripe-shaped.
 *
 *   validateAgainstStripeSchema('payment_intent', pi)  → [] when valid, else readable errors
 *   createParamsAllowed(params)                          → POST /v1/payment_intents accepts them
 *   refundParamsAllowed(params)                          → POST /v1/refunds accepts them
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const here = dirname(fileURLToPath(import.meta.url));

/** Stripe's schemas, copied into the repository (see stripe-openapi/README.md). */
const SPEC_FILE = resolve(here, 'stripe-openapi/openapi-subset.json');

const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as JsonObject;
const schemas = (spec.components as JsonObject).schemas as JsonObject;
const unresolved = new Set(
  (((spec.source as JsonObject).primary as JsonObject).unresolved_refs_not_included as string[]).map(
    (name) => `#/components/schemas/${name}`,
  ),
);

/**
 * OpenAPI 3.0 → JSON Schema: `nullable: true` becomes a null alternative, and `$ref`s to
 * schemas the subset left out become `{}` (anything), so only what is included is checked.
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (unresolved.has(node.$ref)) return {};
    return { $ref: `stripe${node.$ref}` };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'description') continue;
    // `properties` maps names to schemas; its keys are not keywords.
    out[key] =
      key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]))
        : toJsonSchema(value);
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

const supplementary = spec.supplementary_from_2023_08_16_spec as JsonObject;
const formBodyOf = (path: string) =>
  ((((((spec.paths as JsonObject)[path] as JsonObject).post as JsonObject).requestBody as JsonObject).content as JsonObject)[
    'application/x-www-form-urlencoded'
  ] as JsonObject).schema;
const createBody = formBodyOf('/v1/payment_intents');
const refundBody = formBodyOf('/v1/refunds');

/** Stripe's spec declares list responses inline per path; this is their common shape. */
function listSchema(item: string, urlPrefix: string): Json {
  return {
    type: 'object',
    required: ['object', 'data', 'has_more', 'url'],
    additionalProperties: false,
    properties: {
      object: { type: 'string', enum: ['list'] },
      data: { type: 'array', items: { $ref: `stripe#/components/schemas/${item}` } },
      has_more: { type: 'boolean' },
      url: { type: 'string', maxLength: 5000, pattern: `^${urlPrefix}` },
    },
  };
}

const root: JsonObject = {
  $id: 'stripe',
  components: {
    schemas: Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, toJsonSchema(s)])),
  },
  requests: {
    create_payment_intent: toJsonSchema(createBody),
    cancel_payment_intent: toJsonSchema(supplementary['POST /v1/payment_intents/{intent}/cancel requestBody']),
    create_refund: toJsonSchema(refundBody),
  },
  lists: {
    event_list: listSchema('event', '/v1/events'),
    refund_list: listSchema('refund', '/v1/refunds'),
    balance_transaction_list: listSchema('balance_transaction', '/v1/balance_transactions'),
  },
};

// ajv's ESM typings expose the CommonJS default export in two ways depending on the resolver.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('unix-time', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
ajv.addFormat('currency', /^[a-z]{3}$/);
ajv.addSchema(root as object);

const compiled = new Map<string, ValidateFunction>();
function validatorFor(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.getSchema(`stripe#${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    compiled.set(pointer, validate);
  }
  return validate;
}

const LIST_SCHEMAS = ['event_list', 'refund_list', 'balance_transaction_list'];
export type StripeSchemaName = keyof typeof schemas | 'event_list' | 'refund_list' | 'balance_transaction_list';

/** Errors (empty when valid) of `value` against components.schemas[name] (or 'event_list', 'refund_list', 'balance_transaction_list'). */
export function validateAgainstStripeSchema(name: string, value: unknown): string[] {
  const isList = LIST_SCHEMAS.includes(name);
  const pointer = isList ? `/lists/${name}` : `/components/schemas/${name}`;
  if (!isList && !(name in schemas)) throw new Error(`unknown Stripe schema ${name}`);
  const validate = validatorFor(pointer);
  if (validate(JSON.parse(JSON.stringify(value)))) return [];
  return (validate.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Errors (empty when allowed) of create-PaymentIntent params against Stripe's request body schema. */
export function createParamsErrors(params: unknown): string[] {
  const validate = validatorFor('/requests/create_payment_intent');
  if (validate(JSON.parse(JSON.stringify(params)))) return [];
  return (validate.errors ?? []).map((e) => `params${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** True when Stripe's POST /v1/payment_intents schema accepts these (SDK-shaped) params. */
export function createParamsAllowed(params: unknown): boolean {
  return createParamsErrors(params).length === 0;
}

/** Errors (empty when allowed) of create-Refund params against Stripe's POST /v1/refunds request body. */
export function refundParamsErrors(params: unknown): string[] {
  const validate = validatorFor('/requests/create_refund');
  if (validate(JSON.parse(JSON.stringify(params)))) return [];
  return (validate.errors ?? []).map((e) => `params${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** True when Stripe's POST /v1/refunds schema accepts these (SDK-shaped) params. */
export function refundParamsAllowed(params: unknown): boolean {
  return refundParamsErrors(params).length === 0;
}

export function cancelParamsAllowed(params: unknown): boolean {
  return validatorFor('/requests/cancel_payment_intent')(JSON.parse(JSON.stringify(params)));
}

/** Property names Stripe defines for a schema (to catch fields the simulator invents). */
export function stripeSchemaPropertyNames(name: string): string[] {
  return Object.keys(((schemas[name] as JsonObject).properties ?? {}) as JsonObject);
}
