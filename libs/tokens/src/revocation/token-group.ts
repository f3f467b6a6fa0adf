/**
 * Tokens that end together because of what happened to the person, session or consent they were issued
 * for, rather than one by one.
 */
export type TokenGroup =
  /** Every token of one person: disabled, deleted, given a new password or signed out everywhere. */
  | { kind: 'person'; userId: string }
  /**
   * The tokens one sign-in session produced: the person signed out of it. Grants that include
   * `offline_access` are left out: OIDC Core §11 asks for access while the person is not signed in.
   */
  | { kind: 'session'; sessionId: string }
  /** The tokens one client holds for one person: the person's consent to that client was withdrawn. */
  | { kind: 'consent'; userId: string; clientId: string };

/** Scope of grants meant to outlive the session they came from (OIDC Core §11). */
export const OFFLINE_ACCESS_SCOPE = 'offline_access';

/**
 * The key of a group's cutoff row (table `revocation_cutoffs`). A user id is a uuid, always 36 characters,
 * so a `consent:` key cannot be read two ways whatever the client id holds.
 */
export function cutoffKey(group: TokenGroup): string {
  switch (group.kind) {
    case 'person':
      return `person:${group.userId}`;
    case 'session':
      return `session:${group.sessionId}`;
    case 'consent':
      return `consent:${group.userId}:${group.clientId}`;
  }
}

/** The cutoff keys of every group a person's access token belongs to; built as `cutoffKey` builds them. */
export function cutoffKeysOf(token: { sub: string; client_id: string; sid?: string }): string[] {
  const keys = [`person:${token.sub}`, `consent:${token.sub}:${token.client_id}`];
  if (token.sid) keys.push(`session:${token.sid}`);
  return keys;
}

/** `cutoffKeysOf` as an SQL array expression over the given columns (a null session adds a null key, which matches nothing). */
export function cutoffKeysSql(subject: string, clientId: string, sessionId: string): string {
  return `ARRAY['person:' || ${subject}, 'consent:' || ${subject} || ':' || ${clientId}, 'session:' || ${sessionId}]`;
}

/**
 * The rows of a group in a table that records a grant by `user_id`, `client_id`, `session_id` and `scopes`
 * (refresh tokens, authorization codes, device authorizations). Placeholders start at `$1`.
 */
export function tokenGroupFilter(group: TokenGroup): { where: string; params: string[] } {
  switch (group.kind) {
    case 'person':
      return { where: 'user_id = $1', params: [group.userId] };
    case 'session':
      return { where: `session_id = $1 AND NOT ('${OFFLINE_ACCESS_SCOPE}' = ANY (scopes))`, params: [group.sessionId] };
    case 'consent':
      return { where: 'user_id = $1 AND client_id = $2', params: [group.userId, group.clientId] };
  }
}
