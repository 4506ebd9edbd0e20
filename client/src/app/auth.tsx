// The signed-in user for the whole client: read from storage, renewed in the background, cleared on 401.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { loadSession, onSessionChange, renewSessionIfNeeded, saveSession, type Session, type User } from "../lib/api";

interface AuthState {
  user: User | null;
  signIn(session: Session): void;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  useEffect(() => onSessionChange(setSession), []);
  useEffect(() => {
    if (!session) return;
    const timer = setInterval(() => void renewSessionIfNeeded().catch(() => undefined), 60_000);
    return () => clearInterval(timer);
  }, [session]);
  const value: AuthState = {
    user: session?.user ?? null,
    signIn: (s) => saveSession(s),
    signOut: () => saveSession(null),
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("useAuth outside AuthProvider");
  return state;
}
