// Access and refresh tokens: kept in memory and mirrored to sessionStorage, so a reload in the
// same tab keeps the user logged in while closing the tab forgets them.

export type Role = 'candidate' | 'organisation';

export interface Session {
  accessToken: string;
  refreshToken: string;
  role: Role;
}

const STORAGE_KEY = 'portal.session';
type Listener = (session: Session | null, reason: 'login' | 'logout' | 'expired' | 'refresh') => void;

let current: Session | null = load();
const listeners = new Set<Listener>();

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string') {
      return {
        accessToken: parsed.accessToken,
        refreshToken: parsed.refreshToken,
        role: parsed.role === 'organisation' ? 'organisation' : 'candidate',
      };
    }
  } catch {
    // Unreadable storage: start logged out.
  }
  return null;
}

function save(session: Session | null): void {
  try {
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Memory still holds the session.
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(
  session: Session | null,
  reason: 'login' | 'logout' | 'expired' | 'refresh',
): void {
  current = session;
  save(session);
  for (const listener of listeners) listener(session, reason);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
