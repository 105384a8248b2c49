// Wraps the transport every screen uses so that losing the session or lacking the manager role is
// handled in one place: `unauthorized` sends the till back to sign-in; `forbidden` asks for a
// manager's PIN (auth.elevate) and, once granted, retries the same call once.
import type { PosInput, PosOperation, PosOutputs } from '../../shared/pos-contract';
import { isOpenAccess, posOperationAccess } from '../../shared/pos-contract';
import type { PosResult } from '../../shared/pos-error';
import type { RendererTransport } from '../transport/renderer-transport';

export interface AuthHooks {
  /** The session is gone (expired, signed out elsewhere, host restarted). */
  onUnauthorized(op: PosOperation): void;
  /** Ask for a manager's PIN; resolves true once the session is raised, false if the user gave up. */
  requestElevation(op: PosOperation): Promise<boolean>;
}

/** auth.* answers are the PIN screens' own business: they show their errors in place. */
function isAuthOp(op: PosOperation): boolean {
  return op.startsWith('auth.');
}

export function createGuardedTransport(inner: RendererTransport, hooks: AuthHooks): RendererTransport {
  async function call<K extends PosOperation>(op: K, input: PosInput<K>): Promise<PosResult<PosOutputs[K]>> {
    const result = await inner.call(op, input);
    if (result.ok || isAuthOp(op)) return result;
    if (result.error.code === 'unauthorized' && !isOpenAccess(posOperationAccess[op])) {
      hooks.onUnauthorized(op);
      return result;
    }
    // A manager's PIN raises a cashier to manager, never to owner: owner-only refusals stay refusals.
    if (result.error.code === 'forbidden' && posOperationAccess[op] === 'manager') {
      const raised = await hooks.requestElevation(op);
      return raised ? inner.call(op, input) : result;
    }
    return result;
  }
  return {
    kind: inner.kind,
    call,
    subscribe: (listener) => inner.subscribe(listener),
    onConnectionChange: (listener) => inner.onConnectionChange(listener),
  };
}
