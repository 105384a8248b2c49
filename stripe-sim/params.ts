import type { FormObject, FormValue } from './form-body';
import { stripeErrors } from './stripe-errors';

/** Form values arrive as strings; these turn them into typed values with Stripe's errors. */

export function assertKnownParams(params: FormObject, allowed: readonly string[], prefix?: string): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw stripeErrors.parameterUnknown(prefix ? `${prefix}[${key}]` : key);
  }
}

export function parseIntegerParam(param: string, value: FormValue): number {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw stripeErrors.invalidInteger(param, value);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw stripeErrors.invalidInteger(param, value);
  return n;
}

export function parseBooleanParam(param: string, value: FormValue): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw stripeErrors.invalidBoolean(param, value);
}

export function parseStringParam(param: string, value: FormValue, maxLength = 5000): string {
  if (typeof value !== 'string') throw stripeErrors.invalidString(param, `Invalid string: ${param}`);
  if (value.length > maxLength)
    throw stripeErrors.invalidString(param, `Invalid string: ${param} must be at most ${maxLength} characters`);
  return value;
}

export function parseObjectParam(param: string, value: FormValue): FormObject {
  if (typeof value !== 'object' || Array.isArray(value))
    throw stripeErrors.invalidString(param, `Invalid object: ${param} must be a hash`);
  return value;
}

export function parseStringArrayParam(param: string, value: FormValue): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw stripeErrors.invalidString(param, `Invalid array: ${param}`);
  return value as string[];
}

/** Stripe metadata: up to 50 keys, keys ≤ 40 chars, values ≤ 500 chars; `''` unsets a key. */
export function parseMetadataParam(param: string, value: FormValue): Record<string, string> {
  if (value === '') return {};
  const object = parseObjectParam(param, value);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(object)) {
    if (typeof v !== 'string') throw stripeErrors.invalidString(`${param}[${key}]`, `Invalid string: ${param}[${key}]`);
    if (key.length > 40)
      throw stripeErrors.invalidString(param, `Metadata key ${key.slice(0, 40)}... is longer than 40 characters.`);
    if (v.length > 500)
      throw stripeErrors.invalidString(`${param}[${key}]`, 'Metadata values can have up to 500 characters.');
    if (v !== '') out[key] = v;
  }
  if (Object.keys(out).length > 50)
    throw stripeErrors.invalidString(param, 'You can specify up to 50 metadata keys.');
  return out;
}
