import { Injectable } from '@nestjs/common';
import { ClientRepository } from '@app/clients';
import { AppConfig, InvalidToken, OAuthError } from '@app/core';
import type { AccessTokenClaims } from './access-token-claims';
import { AccessTokenService } from './access-token.service';

/**
 * The bearer check of the APIs this server itself serves (admin API, SCIM): a valid, unrevoked access token
 * of ours, meant for this server, held by a client that still exists. Scopes are the caller's to check.
 */
@Injectable()
export class OwnApiTokens {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly clients: ClientRepository,
    private readonly config: AppConfig,
  ) {}

  /** RFC 6750 §2.1: `Authorization: Bearer <token>`; a missing or malformed header is a bare challenge (§3.1). */
  verifyHeader(authorization: string | undefined, realm: string): Promise<AccessTokenClaims> {
    const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization?.trim() ?? '');
    if (!match) throw new OAuthError('invalid_token', 'A bearer access token is required').withHeader('WWW-Authenticate', `Bearer realm="${realm}"`);
    return this.verify(match[1]);
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const claims = await this.accessTokens.verifyActive(token);
    if (!claims) throw new InvalidToken();
    // RFC 9449 §7.2: a DPoP-bound token is refused as a bearer token, and these APIs take no DPoP proofs.
    if (claims.cnf?.jkt) throw new InvalidToken('A DPoP-bound access token cannot be used with this API');
    // A deleted client's tokens die with it: client_credentials tokens are not persisted, so nothing else revokes them.
    if (!(await this.clients.findById(claims.client_id))) throw new InvalidToken();
    const audiences = ([] as string[]).concat(claims.aud);
    if (!audiences.includes(this.config.issuer) && !audiences.includes(this.config.defaultAudience)) {
      throw new InvalidToken('The access token is not meant for this API');
    }
    return claims;
  }
}
