/** Who is logged in and what this installation is, for every screen below the login. */
import { createContext, useContext } from 'react';
import type { SessionUser, SystemInfo } from '../../src-shared/contract/system';
import { roleAllows, type Role } from '../../src-shared/roles';

export interface Session {
  user: SessionUser;
  /** Null until system.info has answered. */
  info: SystemInfo | null;
  reloadInfo(): void;
  logout(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('Invariant violated: useSession outside the logged-in app');
  return session;
}

/** True when the logged-in user holds at least this role (the main process checks again). */
export function useCan(role: Role): boolean {
  return roleAllows(useSession().user.role, role);
}
