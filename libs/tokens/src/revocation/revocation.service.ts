import { Injectable } from '@nestjs/common';
import type { ClientEntity } from '@app/clients';
import { InvalidRequest } from '@app/core';
import { AccessTokenService } from '../access/access-token.service';
import { RefreshTokenService } from '../refresh/refresh-token.service';
import { RevocationRepository } from './revocation.repository';

/** RFC 7009 token revocation. */
@Injectable()
export class RevocationService {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly revocations: RevocationRepository,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  /**
   * Revokes a token the caller owns. Unknown, invalid and expired tokens change nothing and are not reported
   * (RFC 7009 §2.2: the answer is 200). A valid token issued to another client is refused (§2.1).
   */
  async revoke(token: string, caller: ClientEntity, tokenTypeHint?: string): Promise<void> {
    // RFC 7009 §2.1: the hint only says where to look first; both kinds are tried.
    const attempts = tokenTypeHint === 'refresh_token'
      ? [() => this.revokeRefreshToken(token, caller), () => this.revokeAccessToken(token, caller)]
      : [() => this.revokeAccessToken(token, caller), () => this.revokeRefreshToken(token, caller)];
    for (const attempt of attempts) if (await attempt()) return;
  }

  private async revokeAccessToken(token: string, caller: ClientEntity): Promise<boolean> {
    const claims = await this.accessTokens.verify(token);
    if (!claims) return false;
    assertIssuedTo(caller, claims.client_id);
    await this.revocations.revokeToken(claims.jti, new Date(claims.exp * 1000));
    return true;
  }

  /** RFC 7009 §2.1: revoking a refresh token ends its whole grant (the family and its access tokens). */
  private async revokeRefreshToken(token: string, caller: ClientEntity): Promise<boolean> {
    if (token.includes('.')) return false;
    const record = await this.refreshTokens.find(token);
    if (!record) return false;
    assertIssuedTo(caller, record.clientId);
    await this.refreshTokens.revokeFamily(record.familyId);
    return true;
  }
}

/** RFC 7009 §2.1: the server verifies the token was issued to the caller and refuses the request if not. */
function assertIssuedTo(caller: ClientEntity, owner: string): void {
  if (owner !== caller.clientId) throw new InvalidRequest('The token was not issued to this client');
}
