import { Injectable } from '@nestjs/common';
import type { ClientEntity } from '@app/clients';
import { AccessTokenService } from '../access/access-token.service';
import { RevocationRepository } from './revocation.repository';

/** RFC 7009 token revocation. */
@Injectable()
export class RevocationService {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly revocations: RevocationRepository,
  ) {}

  /**
   * Revokes a token the caller owns. Unknown, invalid or foreign tokens change nothing and are not
   * reported (RFC 7009 §2.2: the answer is 200 either way).
   */
  async revoke(token: string, caller: ClientEntity): Promise<void> {
    const claims = await this.accessTokens.verify(token);
    if (!claims || claims.client_id !== caller.clientId) return;
    await this.revocations.revokeToken(claims.jti, new Date(claims.exp * 1000));
  }
}
