import { Injectable } from '@nestjs/common';
import { ClientEntity, ClientRepository } from '@app/clients';
import { AppConfig } from '@app/core';
import { AccessTokenClaims, ActorClaim, presentAuthenticationClaims, presentPersonClaims } from '../access/access-token-claims';
import { AccessTokenService, OPAQUE_ACCESS_TOKEN_PREFIX } from '../access/access-token.service';
import { tokenTypeOf } from '../dpop/token-type';
import { RefreshTokenService } from '../refresh/refresh-token.service';

export type IntrospectionResponse =
  | { active: false }
  | {
      active: true;
      scope: string;
      client_id: string;
      sub: string;
      aud: string | string[];
      iss: string;
      exp: number;
      iat: number;
      jti: string;
      token_type: string;
      auth_time?: number;
      acr?: string;
      amr?: string[];
      groups?: string[];
      roles?: string[];
      cnf?: { jkt: string };
      act?: ActorClaim;
    }
  | RefreshTokenIntrospection;

/** RFC 7662 §2.2 answer for one of our refresh tokens (shown only to the client it was issued to). */
export interface RefreshTokenIntrospection {
  active: true;
  scope: string;
  client_id: string;
  sub: string;
  iss: string;
  exp: number;
  iat: number;
  token_type: 'refresh_token';
  auth_time?: number;
  acr?: string;
  amr?: string[];
}

const INACTIVE: IntrospectionResponse = { active: false };

/** RFC 7662: tells an authenticated caller whether a token is active, and what it carries. */
@Injectable()
export class IntrospectionService {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly config: AppConfig,
    private readonly clients: ClientRepository,
  ) {}

  // RFC 7662 §2.2: expired, revoked, malformed, foreign or unknown tokens are all just inactive.
  async introspect(token: string, caller: ClientEntity, _tokenTypeHint?: string): Promise<IntrospectionResponse> {
    // RFC 7662 §2.1: token_type_hint is only a hint; a JWT is an access token, anything else may be a refresh token.
    const isAccessToken = token.includes('.') || token.startsWith(OPAQUE_ACCESS_TOKEN_PREFIX);
    if (!isAccessToken) return this.introspectRefreshToken(token, caller);
    const claims = await this.accessTokens.verifyActive(token);
    if (!claims || !mayIntrospect(caller, claims)) return INACTIVE;
    // The tokens of a deleted client are no longer active (client_credentials tokens have no stored grant).
    if (!(await this.clients.findById(claims.client_id))) return INACTIVE;
    const response: IntrospectionResponse = {
      active: true,
      scope: claims.scope,
      client_id: claims.client_id,
      sub: claims.sub,
      aud: claims.aud,
      iss: claims.iss,
      exp: claims.exp,
      iat: claims.iat,
      jti: claims.jti,
      // RFC 9449 §6.2: a bound token is a DPoP token, and its key's thumbprint is told.
      token_type: tokenTypeOf(claims.cnf?.jkt),
      ...(claims.cnf ? { cnf: { jkt: claims.cnf.jkt } } : {}),
      // RFC 7662 §2.2: the token's own claims; for a reference token, those stored when it was issued.
      ...presentPersonClaims(claims),
    };
    if (claims.auth_time !== undefined) response.auth_time = claims.auth_time;
    // RFC 7662 §2.2 allows any claim of the token: how the person authenticated, as the API's own check needs.
    Object.assign(response, presentAuthenticationClaims(claims));
    // RFC 8693 §4.1: the API sees who acts for the person.
    if (claims.act) response.act = claims.act;
    return response;
  }

  private async introspectRefreshToken(token: string, caller: ClientEntity): Promise<IntrospectionResponse> {
    const record = await this.refreshTokens.findActive(token);
    // Only the client holding a refresh token may learn about it.
    if (!record || record.clientId !== caller.clientId) return INACTIVE;
    const response: RefreshTokenIntrospection = {
      active: true,
      scope: record.scopes.join(' '),
      client_id: record.clientId,
      sub: record.userId,
      iss: this.config.issuer,
      exp: Math.floor(record.expiresAt.getTime() / 1000),
      iat: Math.floor(record.createdAt.getTime() / 1000),
      token_type: 'refresh_token',
    };
    if (record.authTime) response.auth_time = Math.floor(record.authTime.getTime() / 1000);
    Object.assign(response, presentAuthenticationClaims(record));
    return response;
  }
}

/**
 * RFC 7662 §4: who may learn about an access token. A registered API sees the tokens meant for it (its
 * identifier in `aud`); a client sees its own tokens; a client registered with the `admin` scope sees all.
 * Everyone else is told the token is inactive.
 */
function mayIntrospect(caller: ClientEntity, claims: AccessTokenClaims): boolean {
  if (caller.clientId === claims.client_id) return true;
  if (caller.apiIdentifier) return ([] as string[]).concat(claims.aud).includes(caller.apiIdentifier);
  return caller.scopes.includes('admin');
}
