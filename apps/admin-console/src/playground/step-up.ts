/** Reading an API's RFC 9470 step-up challenge, so the playground can ask for the sign-in it wants. */

export interface StepUpChallenge {
  errorDescription?: string;
  /** Space-separated levels the API accepts, by preference. */
  acrValues?: string;
  /** Seconds: how long ago the sign-in may be at most. */
  maxAge?: string;
}

// RFC 9110 §11.2: auth-param = token "=" ( token / quoted-string )
const AUTH_PARAM = /([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))/g;

/** The parameters of a Bearer challenge; empty when the header holds none. */
export function bearerParams(header: string): Record<string, string> {
  const bearer = /(?:^|,)\s*Bearer\s+(.*)$/i.exec(header.trim());
  const params: Record<string, string> = {};
  if (!bearer?.[1]) return params;
  for (const match of bearer[1].matchAll(AUTH_PARAM)) {
    const name = match[1]!.toLowerCase();
    if (!(name in params)) params[name] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
  }
  return params;
}

/** RFC 9470 §3: the challenge of a token whose sign-in was too weak or too old; undefined for any other answer. */
export function stepUpOf(status: number, wwwAuthenticate: string | null | undefined): StepUpChallenge | undefined {
  if (status !== 401 || !wwwAuthenticate) return undefined;
  const params = bearerParams(wwwAuthenticate);
  if (params.error !== 'insufficient_user_authentication') return undefined;
  return { errorDescription: params.error_description, acrValues: params.acr_values, maxAge: params.max_age };
}
