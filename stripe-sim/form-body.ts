/**
 * Stripe's request encoding: application/x-www-form-urlencoded with bracket nesting,
 * e.g. `metadata[sale_id]=s1&allowed_payment_method_types[0]=promptpay&expand[]=x`.
 * Also used for GET query strings (`created[gt]=…`, `types[]=…`).
 */

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export class FormBodyError extends Error {}

// Keys that would reach Object.prototype if used as plain property names.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Node = Map<string, Node | string>;

function splitKey(rawKey: string): string[] {
  const open = rawKey.indexOf('[');
  if (open <= 0) return [rawKey];
  const segments = [rawKey.slice(0, open)];
  const rest = rawKey.slice(open);
  const re = /\[([^[\]]*)\]/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = re.exec(rest)) !== null) {
    segments.push(match[1]);
    consumed = re.lastIndex;
  }
  if (consumed !== rest.length) throw new FormBodyError(`Invalid parameter name: ${rawKey}`);
  return segments;
}

function toValue(node: Node | string, path: string): FormValue {
  if (typeof node === 'string') return node;
  const keys = [...node.keys()];
  // A node whose keys are all array indices (or `[]` appends) becomes an array, like Stripe.
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k) || k.startsWith('\u0000append'))) {
    const indexed = keys.filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b));
    const appended = keys.filter((k) => !/^\d+$/.test(k));
    return [...indexed, ...appended].map((k, i) => toValue(node.get(k)!, `${path}[${i}]`));
  }
  return Object.fromEntries(keys.map((k) => [k, toValue(node.get(k)!, `${path}[${k}]`)]));
}

/** Parses a form/query string into nested objects and arrays. Throws FormBodyError on conflicts. */
export function parseStripeForm(body: string): FormObject {
  const root: Node = new Map();
  let appendCounter = 0;
  for (const [rawKey, value] of new URLSearchParams(body)) {
    if (rawKey === '') continue;
    const segments = splitKey(rawKey);
    let node = root;
    for (let i = 0; i < segments.length; i++) {
      let segment = segments[i];
      if (FORBIDDEN_KEYS.has(segment)) throw new FormBodyError(`Invalid parameter name: ${rawKey}`);
      if (segment === '' && i > 0) segment = `\u0000append${appendCounter++}`;
      const last = i === segments.length - 1;
      const existing = node.get(segment);
      if (last) {
        if (existing instanceof Map) throw new FormBodyError(`Invalid hash for parameter ${rawKey}`);
        node.set(segment, value); // a repeated scalar: the last one wins
      } else {
        if (typeof existing === 'string') throw new FormBodyError(`Invalid hash for parameter ${rawKey}`);
        const child: Node = existing ?? new Map();
        node.set(segment, child);
        node = child;
      }
    }
  }
  // The top level is always an object, even for a body like `0=a`.
  return Object.fromEntries([...root].map(([k, v]) => [k, toValue(v, k)]));
}
