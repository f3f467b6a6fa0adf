import { createContext, useContext } from 'react';
import type { User, UserManager } from 'oidc-client-ts';
import type { ApiClient } from './api';
import type { Discovery } from './auth';

export interface Session {
  issuer: string;
  discovery: Discovery;
  user: User;
  api: ApiClient;
  manager: UserManager;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}
