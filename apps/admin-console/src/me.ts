import type { AdminMeView } from '@app/contracts';
import type { User } from 'oidc-client-ts';
import { ApiFailure } from './api';
import type { ApiClient } from './api';
import { hasAdminScope } from './auth';

/**
 * What the signed-in person may do in the console, asked once after sign-in; undefined when they may do
 * nothing (no admin role, so no admin scope, or a role that grants no permission). Other failures throw:
 * those are the server's trouble, not the person's.
 */
export async function loadMe(api: ApiClient, user: User): Promise<AdminMeView | undefined> {
  if (!hasAdminScope(user)) return undefined;
  let me: AdminMeView;
  try {
    me = await api.get<AdminMeView>('/me');
  } catch (error) {
    if (error instanceof ApiFailure && (error.status === 401 || error.status === 403)) return undefined;
    throw error;
  }
  return me.permissions.length > 0 ? me : undefined;
}
