// PIN guessing over the browser-mode HTTP transport (regression: the per-client throttle was keyed on
// the pos_client cookie, so a caller that dropped its cookie got a fresh allowance every time).
// Wrong PINs are now counted by the caller's address; every caller on the till's machine shares one.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntryView, AuthStatus, Cashier } from '../../../shared/manager-types';
import { callPos, OWNER_PIN, startTestTill, type TestTill } from './http-test-till';

const tills: TestTill[] = [];
afterEach(async () => {
  await Promise.all(tills.splice(0).map((t) => t.close()));
});

async function till(): Promise<TestTill> {
  const started = await startTestTill();
  tills.push(started);
  return started;
}

/** A browser with an empty cookie jar: the server hands it a new pos_client id. */
const cookieless = (target: TestTill): TestTill => ({ ...target, cookie: null });

async function addCashier(owner: TestTill, name: string, pin: string): Promise<Cashier> {
  const { body } = await callPos<Cashier>(owner, 'cashiers.create', { name, pin, role: 'cashier' });
  if (!body.ok) throw new Error(body.error.message);
  return body.value;
}

// Each PIN check is a deliberately slow scrypt hash (about a third of a second, more on a busy machine).
const PIN_CHECKS_TIMEOUT_MS = 90_000;

describe('wrong PINs over HTTP', () => {
  it('are throttled by address even when every attempt comes without a cookie', async () => {
    const owner = await till();
    const people = await Promise.all(['A', 'B', 'C'].map((name, i) => addCashier(owner, `Cashier ${name}`, `13${i}7`)));
    const answers: { status: number; code: string; message: string }[] = [];
    for (let i = 0; i < 11; i++) {
      const person = people[i % 3];
      const { status, body } = await callPos<AuthStatus>(cookieless(owner), 'auth.signIn', { cashierId: person.cashierId, pin: '0000' });
      answers.push({ status, code: body.error?.code, message: body.error?.message });
    }
    expect(answers.slice(0, 9).map((a) => a.status)).toEqual(Array(9).fill(401));
    expect(answers[9]).toMatchObject({ status: 429, code: 'rate_limited', message: expect.stringMatching(/Too many wrong PINs on this till; try again at \d\d:\d\d\./) });
    expect(answers[10]).toMatchObject({ status: 429, code: 'rate_limited' });

    // The right PIN, from yet another cookie-less request, is refused while the till is locked out.
    const right = await callPos<AuthStatus>(cookieless(owner), 'auth.signIn', { cashierId: people[0].cashierId, pin: '1307' });
    expect(right).toMatchObject({ status: 429, body: { ok: false, error: { code: 'rate_limited', field: 'pin' } } });

    const { body } = await callPos<AuditEntryView[]>(owner, 'audit.list', { limit: 100 });
    expect(body.value.filter((a) => a.action === 'auth.sign_in_failed')).toHaveLength(10);
    expect(body.value.filter((a) => a.action === 'auth.client_locked')).toHaveLength(1);
  }, PIN_CHECKS_TIMEOUT_MS);

  it('lock elevation when a cashier keeps guessing the manager PIN from fresh sessions and cookies', async () => {
    const owner = await till();
    const nok = await addCashier(owner, 'Nok', '4321');
    const answers: { status: number; code: string; message: string }[] = [];
    let browser = owner;
    for (let i = 0; i < 10; i++) {
      // A fresh browser each time: new cookie, new session, signed in with Nok's own PIN.
      browser = cookieless(owner);
      const signedIn = await callPos<AuthStatus>(browser, 'auth.signIn', { cashierId: nok.cashierId, pin: '4321' });
      expect(signedIn.status).toBe(200);
      const { status, body } = await callPos<AuthStatus>(browser, 'auth.elevate', { pin: String(550000 + i) });
      answers.push({ status, code: body.error?.code, message: body.error?.message });
    }
    expect(answers.slice(0, 9)).toEqual(Array(9).fill({ status: 401, code: 'unauthorized', message: 'That is not a manager PIN.' }));
    expect(answers[9]).toMatchObject({ status: 429, code: 'rate_limited', message: expect.stringMatching(/^Too many wrong manager PINs\. Try again at \d\d:\d\d\.$/) });

    // The owner's right PIN is refused too, and the cashier stays a cashier.
    const refused = await callPos<AuthStatus>(browser, 'auth.elevate', { pin: OWNER_PIN });
    expect(refused).toMatchObject({ status: 429, body: { ok: false, error: { code: 'rate_limited' } } });
    expect((await callPos(browser, 'settings.get', {})).status).toBe(403);

    const { body } = await callPos<AuditEntryView[]>(owner, 'audit.list', { limit: 200 });
    expect(body.value.filter((a) => a.action === 'auth.elevate_failed')).toHaveLength(10);
    expect(body.value.filter((a) => a.action === 'auth.elevate_locked')).toHaveLength(1);
  }, PIN_CHECKS_TIMEOUT_MS);
});
