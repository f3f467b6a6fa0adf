/** Where a back-channel logout delivery stands: still to be sent (or retried), acknowledged, or given up. */
export type LogoutDeliveryStatus = 'pending' | 'delivered' | 'dead';

export const LOGOUT_DELIVERY_STATUSES: readonly LogoutDeliveryStatus[] = ['pending', 'delivered', 'dead'];

/** One logout token owed to one app for one ended session (`GET /admin/v1/logout-deliveries`). */
export interface LogoutDeliveryView {
  id: string;
  client_id: string;
  session_id: string;
  user_id: string;
  /** Why the session ended: logout, ended-by-admin, password-changed, disabled, deleted, expired, ... */
  reason: string;
  status: LogoutDeliveryStatus;
  attempts: number;
  last_error: string | null;
  created_at: string;
  next_attempt_at: string;
  delivered_at: string | null;
  dead_at: string | null;
}
