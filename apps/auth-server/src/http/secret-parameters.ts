/**
 * Query parameters whose values never reach a log line or a span: credentials, codes, tokens and their
 * hints, what a person typed, and `return_to`, which carries a whole nested authorization request. (Kept
 * free of imports: tracing loads it before anything else.)
 */
export const SECRET_QUERY_PARAMETERS: readonly string[] = [
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

export const REDACTED = 'REDACTED';

const SECRET = new Set(SECRET_QUERY_PARAMETERS);

/** The URL with the value of every secret query parameter replaced; a URL without a query is returned as is. */
export function withoutSecretParameters(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const hash = url.indexOf('#', start);
  const query = url.slice(start + 1, hash < 0 ? undefined : hash);
  const cleaned = query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: compared as written.
      }
      return SECRET.has(name) && equals >= 0 ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, start)}?${cleaned}`;
}

/** Probes and scrapes would drown every trace: they are not traced. */
export function isUntracedPath(url: string | undefined): boolean {
  return url === undefined || url.startsWith('/health/') || url === '/metrics' || url.startsWith('/metrics?');
}
