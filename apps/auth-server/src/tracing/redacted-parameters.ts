/**
 * Query parameters whose values never reach a span: credentials, codes, tokens and their hints, what a
 * person typed, and `return_to`, which carries a whole nested authorization request. The HTTP
 * instrumentation writes REDACTED in their place.
 */
export const REDACTED_QUERY_PARAMETERS: readonly string[] = [
  'code',
  'state',
  'session_state',
  'token',
  'access_token',
  'id_token',
  'refresh_token',
  'id_token_hint',
  'logout_token',
  'client_secret',
  'client_assertion',
  'code_verifier',
  'device_code',
  'user_code',
  'subject_token',
  'actor_token',
  'request',
  'request_uri',
  'password',
  'login_hint',
  'csrf_token',
  'return_to',
];

/** Probes and scrapes would drown every trace: they are not traced. */
export function isUntracedPath(url: string | undefined): boolean {
  return url === undefined || url.startsWith('/health/') || url === '/metrics' || url.startsWith('/metrics?');
}
