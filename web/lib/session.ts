/**
 * Who is signed in, as the browser knows it: the bearer token and the claims it carries.
 * The gateway verifies every request; the claims here only decide what the UI offers
 * (a viewer sees no write actions), never what is allowed.
 */
export type Role = 'viewer' | 'editor' | 'admin' | 'platform-admin';

export interface Session {
  token: string;
  tenantId: string;
  userId: string;
  roles: Role[];
  /** Seconds since the epoch, when the token stops being accepted. */
  expiresAt: number | null;
}

const STORAGE_KEY = 'conversation-simulations.session-token';

const IMPLIED: Record<Role, Role[]> = {
  viewer: ['viewer'],
  editor: ['editor', 'viewer'],
  admin: ['admin', 'editor', 'viewer'],
  'platform-admin': ['platform-admin', 'admin', 'editor', 'viewer'],
};

export function hasRole(session: Pick<Session, 'roles'> | null, role: Role): boolean {
  return !!session && session.roles.some((held) => IMPLIED[held]?.includes(role));
}

/** Reads the claims of a JWT without verifying it (the gateway does that); null when malformed. */
export function sessionFromToken(token: string): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
    const roles = Array.isArray(claims.roles) ? (claims.roles.filter((r) => typeof r === 'string' && r in IMPLIED) as Role[]) : [];
    if (typeof claims.tenant !== 'string' || typeof claims.sub !== 'string') return null;
    return {
      token: token.trim(),
      tenantId: claims.tenant,
      userId: claims.sub,
      roles,
      expiresAt: typeof claims.exp === 'number' ? claims.exp : null,
    };
  } catch {
    return null;
  }
}

export function isExpired(session: Session, now: number = Date.now()): boolean {
  return session.expiresAt !== null && session.expiresAt * 1000 <= now;
}

export function loadStoredSession(): Session | null {
  if (typeof window === 'undefined') return null;
  const token = window.localStorage.getItem(STORAGE_KEY);
  const session = token ? sessionFromToken(token) : null;
  return session && !isExpired(session) ? session : null;
}

export function storeSessionToken(token: string | null): void {
  if (token) window.localStorage.setItem(STORAGE_KEY, token);
  else window.localStorage.removeItem(STORAGE_KEY);
}
