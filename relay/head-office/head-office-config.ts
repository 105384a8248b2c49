// Head office's configuration: who may read the chain's reports (RELAY_HEAD_OFFICE_TOKENS) and which
// shop and till each till token speaks for (RELAY_TILL_IDENTITIES). A till may only send its own sales,
// so the relay, not the till, decides whose sales a token carries. Messages name entries by number and
// never echo a token.

/** A till token bound to the one shop and till whose sales it may send. */
export interface TillIdentity {
  token: string;
  shopId: string;
  tillId: string;
}

export class HeadOfficeConfigError extends Error {}

/** Shop and till ids: what a till's POS_SHOP_ID / POS_TILL_ID may be (no '/', '@' or ','). */
export const SHOP_OR_TILL_ID = /^[A-Za-z0-9._~-]{1,60}$/;
const TOKEN_CHARS = /^[A-Za-z0-9._~+/=-]+$/;
const MIN_TOKEN_LENGTH = 16;

function checkToken(token: string, what: string): void {
  if (token.length < MIN_TOKEN_LENGTH || !TOKEN_CHARS.test(token)) {
    throw new HeadOfficeConfigError(
      `${what} must be at least ${MIN_TOKEN_LENGTH} characters of [A-Za-z0-9._~+/=-] (generate one with \`openssl rand -hex 32\`).`,
    );
  }
}

/** `<shopId>/<tillId>@<token>`: the till token's shop and till (ids of [A-Za-z0-9._~-], up to 60 each). */
export function parseTillIdentity(entry: string, index: number): TillIdentity {
  const what = `RELAY_TILL_IDENTITIES entry #${index + 1}`;
  const at = entry.indexOf('@');
  const slash = entry.indexOf('/');
  if (at === -1 || slash === -1 || slash > at) {
    throw new HeadOfficeConfigError(`${what} must read <shopId>/<tillId>@<till token> (e.g. bangrak/till-1@…).`);
  }
  return { shopId: entry.slice(0, slash), tillId: entry.slice(slash + 1, at), token: entry.slice(at + 1) };
}

export interface HeadOfficeAccess {
  headOfficeTokens: readonly string[];
  tillIdentities: readonly TillIdentity[];
}

/**
 * Refuses a configuration that would let one token do two jobs: a head-office token is never a till's
 * (it must not post sales or stream payments), and each till token speaks for one till only.
 * `otherTokens`: the relay's till tokens (RELAY_TILL_TOKENS) and health token, when known.
 */
export function validateHeadOfficeAccess(access: HeadOfficeAccess, otherTokens: { tillTokens?: readonly string[]; healthToken?: string | null } = {}): void {
  const headOffice = new Set<string>();
  access.headOfficeTokens.forEach((token, index) => {
    const what = `Head-office token #${index + 1} (RELAY_HEAD_OFFICE_TOKENS)`;
    checkToken(token, what);
    if (headOffice.has(token)) throw new HeadOfficeConfigError(`${what} is listed twice.`);
    if (otherTokens.tillTokens?.includes(token)) {
      throw new HeadOfficeConfigError(`${what} is also a till token (RELAY_TILL_TOKENS): head office reads reports and must not stream a till's payments.`);
    }
    if (otherTokens.healthToken === token) throw new HeadOfficeConfigError(`${what} is also the health token (RELAY_HEALTH_TOKEN).`);
    headOffice.add(token);
  });
  const tokens = new Set<string>();
  const tills = new Set<string>();
  access.tillIdentities.forEach((identity, index) => {
    const what = `RELAY_TILL_IDENTITIES entry #${index + 1}`;
    if (!SHOP_OR_TILL_ID.test(identity.shopId) || !SHOP_OR_TILL_ID.test(identity.tillId)) {
      throw new HeadOfficeConfigError(`${what}: shop and till ids are 1–60 characters of [A-Za-z0-9._~-] (as in the till's POS_SHOP_ID and POS_TILL_ID).`);
    }
    checkToken(identity.token, `${what}'s token`);
    if (tokens.has(identity.token)) throw new HeadOfficeConfigError(`${what} binds a token already bound to another till: give each till its own token.`);
    const till = `${identity.shopId}/${identity.tillId}`;
    if (tills.has(till)) throw new HeadOfficeConfigError(`${what}: ${till} is bound twice.`);
    if (headOffice.has(identity.token)) throw new HeadOfficeConfigError(`${what} binds a head-office token to a till.`);
    if (otherTokens.tillTokens && !otherTokens.tillTokens.includes(identity.token)) {
      throw new HeadOfficeConfigError(`${what} binds a token that is not in RELAY_TILL_TOKENS: the till uses its one POS_RELAY_TOKEN for events and sales.`);
    }
    tokens.add(identity.token);
    tills.add(till);
  });
}

/** The token part of RELAY_TILL_TOKENS entries (`token[@acct_…][:live|:test]`), to check for overlaps. */
export function tillTokensOf(value: string | undefined): string[] {
  return splitList(value).map((entry) => {
    const withoutMode = entry.replace(/:(live|test)$/, '');
    const at = withoutMode.lastIndexOf('@');
    return at === -1 ? withoutMode : withoutMode.slice(0, at);
  });
}

export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
