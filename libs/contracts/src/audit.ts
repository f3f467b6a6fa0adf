/** One entry of the audit log as `GET /admin/v1/events` returns it. */
export interface AuditEventView {
  id: string;
  occurred_at: string;
  actor_type: 'client' | 'person' | 'anonymous';
  /** A client_id for clients, a user id for people; null when nobody is known. */
  actor_id: string | null;
  /** `client.created`, `user.updated`, `signin.failed`, ... */
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** Context without secrets, passwords or tokens. */
  details: Record<string, unknown>;
}
