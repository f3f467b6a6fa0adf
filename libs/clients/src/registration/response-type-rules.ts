import { GRANT_TYPES } from './grant-types';

/** The response types a client may register (RFC 7591 §2): a code, or an ID Token alone for sign-in. */
export const SUPPORTED_RESPONSE_TYPES = ['code', 'id_token'];

/** RFC 7591 §2: response_types defaults to code; a client registering implicit also gets id_token. */
export function defaultResponseTypes(grantTypes: readonly string[]): string[] {
  return [
    ...(grantTypes.includes(GRANT_TYPES.authorizationCode) ? ['code'] : []),
    ...(grantTypes.includes(GRANT_TYPES.implicit) ? ['id_token'] : []),
  ];
}

/**
 * RFC 7591 §2.1: response type id_token goes with the implicit grant and back. Implicit is for sign-in at
 * a registered redirect URI only (OIDC Core §3.2); it issues no refresh token to combine with.
 */
export function addImplicitProblems(
  metadata: { grantTypes: readonly string[]; responseTypes: readonly string[]; redirectUris: readonly string[] },
  problems: Record<string, string>,
  redirectProblems: Record<string, string>,
): void {
  const { grantTypes, responseTypes, redirectUris } = metadata;
  const implicit = grantTypes.includes(GRANT_TYPES.implicit);
  if (responseTypes.includes('id_token') && !implicit) problems.response_types = 'response type id_token requires the implicit grant';
  if (implicit && !responseTypes.includes('id_token')) problems.response_types = 'the implicit grant requires response type id_token';
  if (implicit && redirectUris.length === 0) redirectProblems.redirect_uris = 'the implicit grant requires at least one redirect URI';
  const refreshable = grantTypes.filter((grant) => grant !== GRANT_TYPES.implicit && grant !== GRANT_TYPES.refreshToken);
  if (implicit && grantTypes.includes(GRANT_TYPES.refreshToken) && refreshable.length === 0) {
    problems.grant_types = 'refresh_token must be combined with a grant that issues refresh tokens';
  }
}
