import type { ClientEntity } from '@app/clients';
import { GRANT_TYPES } from '@app/clients';
import { InvalidRequest, OAuthError, UnauthorizedClient } from '@app/core';

/** The responses this server gives: a code, or an ID Token alone for sign-in (OIDC Core §3.2). */
export type ResponseType = 'code' | 'id_token';
export type ResponseMode = 'query' | 'fragment' | 'form_post';
const RESPONSE_MODES: readonly ResponseMode[] = ['query', 'fragment', 'form_post'];

export interface ResponseShape {
  responseType: ResponseType;
  responseMode: ResponseMode;
}

/**
 * response_type and response_mode, once client and redirect URI are verified. RFC 9700 §2.1.2: no access
 * token is ever returned in the front channel, so `token` alone or combined (and every hybrid) is
 * unsupported_response_type; `id_token` is offered only to clients that registered the implicit grant.
 */
export function parseResponseShape(responseTypeRaw: string | undefined, responseModeRaw: string | undefined, client: ClientEntity): ResponseShape {
  if (!responseTypeRaw) throw new InvalidRequest('The response_type parameter is required');
  const responseType = responseTypeRaw.split(' ').filter(Boolean).sort().join(' ');
  if (responseType !== 'code' && responseType !== 'id_token') {
    throw new OAuthError('unsupported_response_type', 'Only response_type=code, and id_token for sign-in, are supported');
  }
  if (responseType === 'code' && (!client.grantTypes.includes(GRANT_TYPES.authorizationCode) || !client.responseTypes.includes('code'))) {
    throw new UnauthorizedClient('This client may not use the authorization code flow');
  }
  if (responseType === 'id_token' && (!client.grantTypes.includes(GRANT_TYPES.implicit) || !client.responseTypes.includes('id_token'))) {
    throw new UnauthorizedClient('This client is not registered for implicit sign-in (response_type=id_token)');
  }
  const responseMode = responseModeRaw ?? defaultResponseMode(responseType);
  if (!RESPONSE_MODES.includes(responseMode as ResponseMode)) throw new InvalidRequest('response_mode must be query, fragment or form_post');
  // OAuth 2.0 Multiple Response Types §5: an ID Token must not travel in the query.
  if (responseType === 'id_token' && responseMode === 'query') throw new InvalidRequest('response_mode=query is not allowed for response_type=id_token');
  return { responseType, responseMode: responseMode as ResponseMode };
}

/**
 * OIDC Core §3.2.2.1: an implicit request is a sign-in (scope openid) and must carry a nonce, the only
 * thing binding the ID Token to it. RFC 8707 resource names where an access token is used: none is issued.
 */
export function checkImplicitSignIn(scopes: readonly string[], nonce: string | undefined, resource: string | undefined): void {
  if (!scopes.includes('openid')) throw new InvalidRequest('response_type=id_token requires the openid scope');
  if (!nonce) throw new InvalidRequest('The nonce parameter is required with response_type=id_token');
  if (resource !== undefined) throw new InvalidRequest('resource cannot be used with response_type=id_token: no access token is issued');
}

/**
 * How an error goes back to the client when the request itself could not be read: the response_mode it
 * asked for when that is one we offer and allowed for its response_type, otherwise that type's default
 * (OIDC Core §3.2.2.6: errors of implicit requests come in the fragment).
 */
export function errorResponseMode(responseTypeRaw: unknown, responseModeRaw: unknown): ResponseMode {
  const types = typeof responseTypeRaw === 'string' ? responseTypeRaw.split(' ') : [];
  const frontChannelToken = types.includes('id_token') || types.includes('token');
  if (responseModeRaw === 'form_post' || responseModeRaw === 'fragment') return responseModeRaw;
  if (responseModeRaw === 'query' && !frontChannelToken) return 'query';
  return frontChannelToken ? 'fragment' : 'query';
}

/** OAuth 2.0 Multiple Response Types §2.1: query for code, fragment for anything carrying a token. */
function defaultResponseMode(responseType: ResponseType): ResponseMode {
  return responseType === 'code' ? 'query' : 'fragment';
}
