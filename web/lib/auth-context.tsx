'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { hasRole, loadStoredSession, sessionFromToken, storeSessionToken, type Role, type Session } from './session';

interface AuthState {
  /** undefined while the stored session is being read (first render), null when signed out. */
  session: Session | null | undefined;
  signIn(token: string): Session | null;
  signOut(): void;
  can(role: Role): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  useEffect(() => {
    setSession(loadStoredSession());
    // Signing out in one tab signs out the others.
    const onStorage = () => setSession(loadStoredSession());
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const signIn = useCallback((token: string) => {
    const next = sessionFromToken(token);
    if (next) {
      storeSessionToken(next.token);
      setSession(next);
    }
    return next;
  }, []);

  const signOut = useCallback(() => {
    storeSessionToken(null);
    setSession(null);
  }, []);

  const value = useMemo<AuthState>(
    () => ({ session, signIn, signOut, can: (role: Role) => hasRole(session ?? null, role) }),
    [session, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}

/** The signed-in session; only for components rendered inside the signed-in area. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession needs a signed-in user');
  return session;
}
