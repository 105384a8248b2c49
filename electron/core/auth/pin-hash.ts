// PINs are short, so they are stored only as a slow, salted scrypt hash and compared in constant time.
// Format: scrypt$N$r$p$salt$hash (base64url), so the cost can be raised without a migration: a hash
// made at a lower cost is replaced at the owner's next right sign-in (needsRehash).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** OWASP's scrypt recommendation (Password Storage Cheat Sheet): N=2^17, r=8, p=1, 128 MiB. */
export const PIN_HASH_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/**
 * Costs a stored hash may ask for: from our old default up to OWASP's. Anything else is not ours. (A
 * bound of its own, not today's N: if the cost were ever lowered, hashes made at 2^17 must still verify.)
 */
const MIN_N = 2 ** 14;
const MAX_N = 2 ** 17;

function scrypt(pin: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(pin, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const memoryFor = (n: number, r: number) => 128 * n * r * 2;

export async function hashPin(pin: string): Promise<string> {
  const { N, r, p } = PIN_HASH_COST;
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(pin, salt, { N, r, p, maxmem: memoryFor(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  N: number;
  salt: Buffer;
  hash: Buffer;
}

/**
 * Reads a stored hash, refusing parameters we never write: a ledger row (from a crafted backup, say)
 * asking for N=2^30 would make every sign-in allocate a terabyte. Only powers of two from 2^14 to
 * 2^17, r=8, p=1, a 16-byte salt and a 32-byte key are accepted.
 */
function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6) return null;
  const [scheme, n, r, p, salt, hash] = parts;
  const N = Number(n);
  if (scheme !== 'scrypt' || !/^\d{1,7}$/.test(n) || r !== String(PIN_HASH_COST.r) || p !== String(PIN_HASH_COST.p)) return null;
  if (N < MIN_N || N > MAX_N || (N & (N - 1)) !== 0) return null;
  const saltBytes = Buffer.from(salt, 'base64url');
  const hashBytes = Buffer.from(hash, 'base64url');
  if (saltBytes.length !== SALT_LENGTH || hashBytes.length !== KEY_LENGTH) return null;
  return { N, salt: saltBytes, hash: hashBytes };
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const { r, p } = PIN_HASH_COST;
  const key = await scrypt(pin, parsed.salt, { N: parsed.N, r, p, maxmem: memoryFor(parsed.N, r) });
  return timingSafeEqual(key, parsed.hash);
}

/** True for a hash made at a lower cost than today's: hash the PIN again once it is known to be right. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return parsed !== null && parsed.N < PIN_HASH_COST.N;
}
