import { DataSource } from 'typeorm';
import { AppAccessPolicy } from '@app/access';
import type { ClientEntity } from '@app/clients';
import { GRANT_TYPES } from '@app/clients';
import { Clock, FormParams, InvalidGrant, InvalidRequest, InvalidTarget, OAuthError } from '@app/core';
import { RefreshTokenService } from '@app/tokens';
import { AuthorizationCodeRecord, AuthorizationCodeRepository } from '../codes/authorization-code.repository';
import { verifyPkce } from '../pkce/pkce';
import { Grant, GrantHandler, TokenRequestContext, TokenResponse } from '../registry/grant-handler';
import { issuesRefreshToken, refreshTokenBinding, UserTokenIssuer } from './user-token-issuer';

type Redemption = { failure: OAuthError } | { response: TokenResponse };

/** RFC 6749 §4.1.3 with RFC 7636 §4.5: a code and its PKCE verifier for tokens. */
@Grant()
export class AuthorizationCodeGrant implements GrantHandler {
  readonly grantType = GRANT_TYPES.authorizationCode;

  constructor(
    private readonly codes: AuthorizationCodeRepository,
    private readonly refreshTokens: RefreshTokenService,
    private readonly issuer: UserTokenIssuer,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: AppAccessPolicy,
  ) {}

  async handle(params: FormParams, client: ClientEntity, context: TokenRequestContext = {}): Promise<TokenResponse> {
    if (!params.code) throw new InvalidRequest('The code parameter is required');
    // The code's consumption and every token of the answer commit together. A failed check of the request
    // still burns the code (returned, so it commits); a refusal thrown while issuing (the bound API was
    // deleted) or a failure of the database rolls the consumption back, and nothing was issued.
    const redemption = await this.dataSource.transaction(async (manager): Promise<Redemption> => {
      const result = await this.codes.consume(params.code, manager);
      if (result.outcome === 'unknown') return { failure: new InvalidGrant('unknown authorization code') };
      if (result.outcome === 'replayed') {
        // RFC 6749 §4.1.2: a code used twice revokes what was issued from it, but only when its own client
        // replays it; another client presenting it must not be able to end the legitimate grant (RFC 9700 §4.5).
        if (result.clientId !== client.clientId) {
          return { failure: new InvalidGrant(`used authorization code of client ${result.clientId} presented by client ${client.clientId}`) };
        }
        await this.refreshTokens.revokeFamily(result.grantId, manager);
        return { failure: new InvalidGrant(`authorization code of grant ${result.grantId} replayed; the grant is revoked`) };
      }
      const { code } = result;
      const failure = this.check(code, params, client, context);
      if (failure) return { failure };
      // Nothing was issued from this code yet: refusing here leaves no token to revoke.
      if (!code.personEnabled) return { failure: new InvalidGrant(`person ${code.userId} of grant ${code.grantId} is disabled`) };
      // Taken out of the client's allowed groups since the code was issued: the code is spent, no token.
      if (!(await this.access.mayUseClient(code.userId, client, manager))) {
        return { failure: new InvalidGrant(`person ${code.userId} of grant ${code.grantId} is no longer in a group allowed to use client ${client.clientId}`) };
      }
      // RFC 8707 §2.2: refreshes of this grant stay on the resource its first access token targets.
      const resource = targetResource(code, params);
      const refresh = issuesRefreshToken(client, code.scopes)
        ? await this.refreshTokens.issue(
          {
            familyId: code.grantId,
            clientId: client.clientId,
            userId: code.userId,
            scopes: code.scopes,
            authTime: code.authTime,
            sessionId: code.sessionId,
            acr: code.acr,
            amr: code.amr,
            resource,
            ttlSeconds: client.refreshTokenTtl,
            dpopJkt: refreshTokenBinding(client, context),
          },
          manager,
        )
        : undefined;
      const response = await this.issuer.respond(
        {
          client,
          userId: code.userId,
          scopes: code.scopes,
          grantId: code.grantId,
          authTime: code.authTime,
          sessionId: code.sessionId,
          acr: code.acr,
          amr: code.amr,
          nonce: code.nonce,
          resource,
          refreshToken: refresh?.token,
          dpopJkt: context.dpopJkt,
        },
        manager,
      );
      return { response };
    });
    if ('failure' in redemption) throw redemption.failure;
    return redemption.response;
  }

  /** Why the code may not be redeemed by this request, or undefined. */
  private check(code: AuthorizationCodeRecord, params: FormParams, client: ClientEntity, context: TokenRequestContext): OAuthError | undefined {
    // RFC 6749 §4.1.3: the code must have been issued to the authenticated client.
    if (code.clientId !== client.clientId) return new InvalidGrant(`authorization code of client ${code.clientId} presented by client ${client.clientId}`);
    if (code.expiresAt.getTime() <= this.clock.now().getTime()) return new InvalidGrant(`authorization code of grant ${code.grantId} expired at ${code.expiresAt.toISOString()}`);
    // RFC 6749 §4.1.3: redirect_uri must be identical to the one of the authorization request.
    if (params.redirect_uri !== code.redirectUri) return new InvalidGrant('redirect_uri is not the one of the authorization request');
    // RFC 7636 §4.6: the verifier must match the challenge by its method.
    if (!verifyPkce(code, params.code_verifier)) return new InvalidGrant('code_verifier does not match the code_challenge');
    // RFC 9449 §10.1: a code bound with dpop_jkt is redeemed only with a proof of that key.
    if (code.dpopJkt && code.dpopJkt !== context.dpopJkt) return new InvalidGrant(`authorization code of grant ${code.grantId} is bound to another DPoP key`);
    // Checked last, so only the client holding the code and its verifier learns which resource it is bound to.
    if (!isAuthorizedResource(code, params.resource)) return new InvalidTarget('The resource is not the one the authorization request named');
    return undefined;
  }
}

/**
 * RFC 8707 §2.2: the token request's resource is constrained by what was authorized. A code issued for a
 * resource may be redeemed for that resource only; a code issued without one leaves the choice to the
 * token request, as before resources were bound.
 */
function isAuthorizedResource(code: AuthorizationCodeRecord, requested: string | undefined): boolean {
  return code.resource === null || requested === undefined || requested === code.resource;
}

/** The resource the access token targets: the code's when it has one, so omitting it keeps the binding. */
function targetResource(code: AuthorizationCodeRecord, params: FormParams): string | undefined {
  return code.resource ?? params.resource;
}
