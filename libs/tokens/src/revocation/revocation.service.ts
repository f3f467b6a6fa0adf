import { Injectable } from '@nestjs/common';
import type { ClientEntity } from '@app/clients';
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
   * Revokes a token the caller owns. Unknown, invalid or foreign tokens change nothing and are not
   * reported (RFC 7009 §2.2: the answer is 200 either way).
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
    if (claims.client_id === caller.clientId) await this.revocations.revokeToken(claims.jti, new Date(claims.exp * 1000));
    return true;
  }

  /** RFC 7009 §2.1: revoking a refresh token ends its whole grant (the family and its access tokens). */
  private async revokeRefreshToken(token: string, caller: ClientEntity): Promise<boolean> {
    if (token.includes('.')) return false;
    const record = await this.refreshTokens.find(token);
    if (!record) return false;
    if (record.clientId === caller.clientId) await this.refreshTokens.revokeFamily(record.familyId);
    return true;
  }
}
