// Signing in for end-to-end tests. Sessions belong to the browser context (an HttpOnly pos_client
// cookie), so the calls go through `page.request`, which shares the context's cookies: the page
// opened afterwards is signed in. The first call on a fresh till creates the owner (first run).
import { expect, type APIResponse, type Page, type Response } from '@playwright/test';

export const OWNER = { name: 'Ploy (owner)', pin: '246810' };

interface PosReply<T> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}

async function post<T>(page: Page, baseUrl: string, op: string, input: unknown): Promise<PosReply<T>> {
  // No timeout of the request's own (30 s by default): a sign-in hashes the PIN with scrypt, which on
  // a loaded machine can take longer; the answer is what is waited for, within the test's budget.
  const response: APIResponse = await page.request.post(`${baseUrl}/api/pos/${op}`, { data: input ?? {}, headers: { 'content-type': 'application/json' }, timeout: 0 });
  return (await response.json()) as PosReply<T>;
}

/** Creates the owner on a fresh till, or signs in as the owner on one already set up. */
export async function signInAsOwnerByApi(page: Page, baseUrl: string): Promise<void> {
  const status = await post<{ setupRequired: boolean; user: { name: string } | null }>(page, baseUrl, 'auth.status', {});
  if (status.value?.user) return;
  if (status.value?.setupRequired) {
    const setup = await post(page, baseUrl, 'auth.setupOwner', OWNER);
    if (setup.ok) {
      // Specs that sign in by API test other screens: the shop counts as set up, so the quiet
      // "Finish setting up" line (tests/e2e/setup-wizard.spec.ts) does not shift their layout.
      await post(page, baseUrl, 'setup.complete', {});
      return;
    }
  }
  await signInByApi(page, baseUrl, OWNER.name, OWNER.pin);
}

export async function signInByApi(page: Page, baseUrl: string, name: string, pin: string): Promise<void> {
  const directory = await post<{ cashierId: string; name: string }[]>(page, baseUrl, 'cashiers.directory', {});
  const person = directory.value?.find((entry) => entry.name === name);
  if (!person) throw new Error(`${name} is not in the cashier directory: ${JSON.stringify(directory)}`);
  const signIn = await post(page, baseUrl, 'auth.signIn', { cashierId: person.cashierId, pin });
  if (!signIn.ok) throw new Error(`sign-in as ${name} failed: ${JSON.stringify(signIn.error)}`);
}

/** Opens the cashier screen signed in as the owner (setting the owner up on a fresh till). */
export async function openSignedIn(page: Page, baseUrl: string, path = '/cashier/?lang=en'): Promise<void> {
  await signInAsOwnerByApi(page, baseUrl);
  await page.goto(`${baseUrl}${path}`);
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/**
 * A PosApi call with this page's session; signs in again once if the session is gone (e.g. the
 * host restarted, which ends every session).
 */
export async function posCall<T>(page: Page, baseUrl: string, op: string, input: unknown = {}): Promise<PosReply<T>> {
  let reply = await post<T>(page, baseUrl, op, input);
  if (!reply.ok && reply.error?.code === 'unauthorized') {
    await signInAsOwnerByApi(page, baseUrl);
    reply = await post<T>(page, baseUrl, op, input);
  }
  return reply;
}

/** Types a PIN on the on-screen PIN pad. */
export async function tapPin(page: Page, pin: string, prefix = 'pin'): Promise<void> {
  for (const digit of pin) await page.getByTestId(`${prefix}-key-${digit}`).click();
}

/**
 * The till's next answer (a refusal too) to this page's `op` call: the event to wait on for a step that
 * takes the core long on a loaded machine (a PIN hashed or checked with scrypt, a reconnect). Call it
 * before the action that makes the call. Bounded by the test's budget, not expect's.
 */
export function answered(page: Page, op: string): Promise<Response> {
  return page.waitForResponse((response) => response.url().endsWith(`/api/pos/${op}`));
}
