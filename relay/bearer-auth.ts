// Bearer tokens of the relay (till, health and head-office tokens), checked in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares the presented token against every configured one in constant time (hashes hide lengths). */
export function bearerAuthenticator<T>(tokens: readonly { token: string; value: T }[]): (authorization: string | undefined) => T | null {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  const known = tokens.map(({ token, value }) => ({ value, digest: digest(token) }));
  return (authorization) => {
    const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(authorization ?? '');
    if (!match) return null;
    const presented = digest(match[1]);
    let found: T | null = null;
    for (const candidate of known) {
      if (timingSafeEqual(presented, candidate.digest) && found === null) found = candidate.value;
    }
    return found;
  };
}
