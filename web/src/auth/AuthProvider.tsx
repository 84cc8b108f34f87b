import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { isApiError } from '../api/errorMessage';
import { onUnauthorized } from '../api/client';
import type { Me } from '../api/types';
import { navigate } from '../router/router';
import { fetchMe, login as loginRequest, logout as logoutRequest } from './auth.api';

type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out' }
  | { status: 'failed'; error: unknown }
  | { status: 'signed-in'; user: Me };

interface AuthContextValue {
  session: SessionState;
  user: Me | null;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  retry: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'checking' });
  const [probe, setProbe] = useState(0);

  // The session cookie is http-only, so asking /me is the only way to know who we are.
  useEffect(() => {
    let stale = false;
    fetchMe().then(
      (user) => !stale && setSession({ status: 'signed-in', user }),
      (error: unknown) => {
        if (stale) return;
        setSession(isApiError(error, 401) ? { status: 'signed-out' } : { status: 'failed', error });
      },
    );
    return () => {
      stale = true;
    };
  }, [probe]);

  useEffect(() => onUnauthorized(() => setSession({ status: 'signed-out' })), []);

  const login = useCallback(async (email: string, password: string) => {
    await loginRequest(email, password);
    // The login answer carries a slimmer user; /me adds the workspace the header shows.
    setSession({ status: 'signed-in', user: await fetchMe() });
  }, []);

  const logout = useCallback(async () => {
    await logoutRequest().catch(() => undefined);
    navigate('/login');
    setSession({ status: 'signed-out' });
  }, []);

  const retry = useCallback(() => {
    setSession({ status: 'checking' });
    setProbe((count) => count + 1);
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      session,
      user: session.status === 'signed-in' ? session.user : null,
      login,
      logout,
      retry,
    }),
    [session, login, logout, retry],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
