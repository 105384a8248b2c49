// Sign-in sessions, in memory only, keyed by the transport's client key (an IPC window, an HttpOnly
// cookie). Signing in on one client never affects another; a restart signs everyone out.
export interface Session {
  cashierId: string;
  /** A manager's PIN raised this cashier's session to manager until then (epoch ms). */
  elevatedUntil: number | null;
  lastSeenAt: number;
}

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly now: () => number = Date.now) {}

  /** The live session of a client (touching it), or null when absent or idle too long. */
  get(clientKey: string | undefined): Session | null {
    if (!clientKey) return null;
    const session = this.sessions.get(clientKey);
    if (!session) return null;
    const now = this.now();
    if (now - session.lastSeenAt > SESSION_IDLE_MS) {
      this.sessions.delete(clientKey);
      return null;
    }
    session.lastSeenAt = now;
    if (session.elevatedUntil !== null && session.elevatedUntil <= now) session.elevatedUntil = null;
    return session;
  }

  start(clientKey: string, cashierId: string): Session {
    const session: Session = { cashierId, elevatedUntil: null, lastSeenAt: this.now() };
    this.sessions.set(clientKey, session);
    return session;
  }

  end(clientKey: string | undefined): void {
    if (clientKey) this.sessions.delete(clientKey);
  }

  /** Ends every session of a cashier (deactivated, or a restore removed them). */
  endWhere(predicate: (session: Session) => boolean): void {
    for (const [key, session] of this.sessions) if (predicate(session)) this.sessions.delete(key);
  }
}
