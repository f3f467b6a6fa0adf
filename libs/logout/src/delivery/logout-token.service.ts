import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, SigningAlgorithm } from '@app/core';
import type { ClientEntity } from '@app/clients';
import { IdTokenService } from '@app/tokens';
import type { ClaimedDelivery } from '../outbox/logout-delivery.repository';
import { logoutTokenClaims } from './logout-token-claims';

/** Back-Channel Logout 1.0 §2.4: `typ` explicitly marks the JWT as a Logout Token. */
const LOGOUT_TOKEN_TYPE = 'logout+jwt';

/** Signs a Logout Token afresh for each attempt of a delivery, keeping its jti. */
@Injectable()
export class LogoutTokenService {
  constructor(
    private readonly idTokens: IdTokenService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  sign(delivery: ClaimedDelivery, client: ClientEntity): Promise<string> {
    const claims = logoutTokenClaims({
      issuer: this.config.issuer,
      clientId: client.clientId,
      // ID tokens' sub is the person's id (subject type public).
      subject: delivery.userId,
      sessionId: delivery.sessionId,
      jti: delivery.jti,
      now: this.clock.epochSeconds(),
    });
    return this.idTokens.signForClient(claims, LOGOUT_TOKEN_TYPE, client.idTokenSignedResponseAlg as SigningAlgorithm);
  }
}
