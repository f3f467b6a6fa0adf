import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { acrClaim, AuthenticationRequirement, PersonClaims } from '@app/access';
import type { ClientEntity } from '@app/clients';
import { AppConfig, SigningAlgorithm } from '@app/core';
import { userClaims } from '@app/grants';
import { IdTokenService } from '@app/tokens';
import { SessionDetails, UserService } from '@app/users';
import { ErrorPage } from '../http/page-errors';
import { pageTranslator } from '../i18n/page-context';
import { sendAuthorizationResponse } from './authorization-response';
import type { PendingRequest } from './authorization-request.repository';

/**
 * The end of an implicit sign-in (OIDC Core §3.2.2.5, response_type=id_token): an ID Token and nothing
 * else, since no access token goes through the front channel (RFC 9700 §2.1.2). The caller has run the
 * whole sign-in (login, step-up, app access, consent) and recorded the app on the session, as for a code.
 */
@Injectable()
export class ImplicitSignIn {
  constructor(
    private readonly idTokens: IdTokenService,
    private readonly personClaims: PersonClaims,
    private readonly users: UserService,
    private readonly config: AppConfig,
  ) {}

  async respond(
    pending: PendingRequest,
    client: ClientEntity,
    session: SessionDetails,
    requirement: AuthenticationRequirement,
    reply: FastifyReply,
  ): Promise<void> {
    const user = await this.users.findById(session.userId);
    // The session was found active a moment ago; a person removed since gets no token.
    if (!user || user.disabled) {
      const t = pageTranslator();
      throw new ErrorPage(t.t('authorize.unavailable.title'), t.t('authorize.unavailable.text'), 403, 'access_denied');
    }
    const idToken = await this.idTokens.issue({
      clientId: client.clientId,
      subject: session.userId,
      authTime: Math.floor(session.authTimeMs / 1000),
      acr: acrClaim(requirement, session.acr),
      amr: session.amr,
      nonce: pending.nonce,
      sessionId: session.sessionId,
      alg: client.idTokenSignedResponseAlg as SigningAlgorithm,
      // OIDC Core §5.4: with no access token for userinfo, the scopes' claims come in the ID Token.
      profileClaims: userClaims(user, pending.scopes),
      personClaims: await this.personClaims.forScopes(session.userId, client, pending.scopes),
    });
    const params = { id_token: idToken, state: pending.state, iss: this.config.issuer };
    return sendAuthorizationResponse(reply, pending, params, this.config.pathPrefix);
  }
}
