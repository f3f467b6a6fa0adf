import { createContext, useContext } from 'react';
import type { AdminMeView, AdminPermission } from '@app/contracts';

const MeContext = createContext<AdminMeView | undefined>(undefined);

/** Holds the caller's `GET /admin/v1/me`, loaded once at sign-in, for every screen below it. */
export const MeProvider = MeContext.Provider;

export function useMe(): AdminMeView {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside MeProvider');
  return me;
}

/**
 * Whether the signed-in caller holds a permission. Screens use it to leave out what the role may not do;
 * the admin API is still what refuses, so this only spares people buttons that would fail.
 */
export function useCan(permission: AdminPermission): boolean {
  return useMe().permissions.includes(permission);
}

export function can(me: AdminMeView, permission: AdminPermission): boolean {
  return me.permissions.includes(permission);
}
