/** RFC 6749 §4.1.2 success redirect, with RFC 9207 `iss`; the registered URI's own query is kept. */
export function successRedirect(redirectUri: string, code: string, state: string | undefined, issuer: string): string {
  const url = new URL(redirectUri);
  url.searchParams.set('code', code);
  if (state !== undefined) url.searchParams.set('state', state);
  url.searchParams.set('iss', issuer);
  return url.toString();
}
