// The first look at a pasted Stripe key, before anything goes to Stripe: each way of getting it wrong
// has its own problem code, so the screen can say exactly what to paste instead. Messages never quote
// the key (not even a part of it).
import { PosError } from '../../../shared/pos-error';
import type { SetupProblem } from '../../../shared/setup';

export interface CheckedStripeKey {
  key: string;
  mode: 'test' | 'live';
  kind: 'secret' | 'restricted';
}

/** Stripe's secret and restricted keys: sk_/rk_, the mode, then letters, digits and underscores. */
const KEY_SHAPE = /^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/;

export function keyProblem(problem: SetupProblem, message: string, extra: { keyMode?: 'test' | 'live' } = {}): PosError {
  return new PosError('invalid_input', message, 'secretKey', { setupProblem: problem, ...extra });
}

export function checkStripeKeyShape(pasted: string, mode: 'test' | 'live'): CheckedStripeKey {
  // Copying from Stripe's dashboard often brings a space or a line break along.
  const key = pasted.trim();
  if (key === '') throw keyProblem('key_empty', 'Paste the Stripe secret key (sk_…) or restricted key (rk_…).');
  if (key.startsWith('pk_')) {
    throw keyProblem('publishable_key', "This is a publishable key (pk_…), which cannot take payments: paste the secret key (sk_…) or a restricted key (rk_…) from Stripe's Developers → API keys.");
  }
  const shape = KEY_SHAPE.exec(key);
  if (!shape) throw keyProblem('key_shape', 'This does not look like a Stripe secret key (sk_test_… or sk_live_…) or restricted key (rk_test_… or rk_live_…).');
  const keyMode = shape[2] as 'test' | 'live';
  if (keyMode !== mode) {
    throw keyProblem(
      'wrong_mode',
      keyMode === 'test'
        ? 'This is a test key (no money moves), but live mode was chosen: paste a live key (sk_live_… or rk_live_…), or choose test mode.'
        : 'This is a live key (real money), but test mode was chosen: paste a test key (sk_test_… or rk_test_…), or choose live mode.',
      { keyMode },
    );
  }
  return { key, mode: keyMode, kind: shape[1] === 'rk' ? 'restricted' : 'secret' };
}
