import { DataSource, EntityManager } from 'typeorm';
import { AppAccessPolicy } from '@app/access';
import type { ClientEntity } from '@app/clients';
import { GRANT_TYPES, parseScope } from '@app/clients';
import { FormParams, InvalidGrant, InvalidRequest, InvalidScope, InvalidTarget } from '@app/core';
import { OFFLINE_ACCESS_SCOPE, RefreshTokenRecord, RefreshTokenService } from '@app/tokens';
import { UserService } from '@app/users';
import { Grant, GrantHandler, TokenRequestContext, TokenResponse } from '../registry/grant-handler';
import { refreshTokenBinding, UserTokenIssuer } from './user-token-issuer';

/** RFC 6749 §6 with rotation (RFC 9700 §4.14.2): every use returns a new refresh token of the same family. */
@Grant()
export class RefreshTokenGrant implements GrantHandler {
  readonly grantType = GRANT_TYPES.refreshToken;

  constructor(
    private readonly refreshTokens: RefreshTokenService,
    private readonly issuer: UserTokenIssuer,
    private readonly users: UserService,
    private readonly dataSource: DataSource,
    private readonly access: AppAccessPolicy,
  ) {}

  async handle(params: FormParams, client: ClientEntity, context: TokenRequestContext = {}): Promise<TokenResponse> {
    if (!params.refresh_token) throw new InvalidRequest('The refresh_token parameter is required');
    const requested = parseScope(params.scope);
    if (!requested) throw new InvalidScope('The scope parameter is malformed');
    // The rotation and every token of the answer commit together or not at all. A refusal thrown inside
    // (wider scope, another resource, a resource no longer allowed) and a failure (the database gone before
    // the commit) roll the consumption back, so the client's retry is a retry, not a reuse that revokes
    // the family (RFC 9700 §4.14.2).
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const result = await this.refreshTokens.consume(params.refresh_token, client.clientId, manager);
      if (result.outcome !== 'rotated') return result;
      const { record } = result;
      // Before the request's own checks: a grant that has ended ends whatever the request asks.
      const ended = await this.endIfPersonMayNotContinue(record, client, manager);
      if (ended) return ended;
      // RFC 9449 §5: a bound refresh token is used only with a proof of its key; thrown, so the token is not spent.
      if (record.dpopJkt && record.dpopJkt !== context.dpopJkt) throw new InvalidGrant(`refresh token of family ${record.familyId} is bound to another DPoP key`);
      // RFC 6749 §6: the scope may only narrow.
      const wider = requested.find((scope) => !record.scopes.includes(scope));
      if (wider) throw new InvalidScope(`The scope ${wider} was not granted`);
      if (!isAuthorizedResource(record, params.resource)) {
        throw new InvalidTarget('The resource is not the one this grant was issued for');
      }
      // A bound family stays bound to its key; an unbound one of a public client binds to the first proof.
      const dpopJkt = record.dpopJkt ?? refreshTokenBinding(client, context);
      const next = await this.refreshTokens.issue({ ...grantOf(record), ttlSeconds: client.refreshTokenTtl, dpopJkt }, manager);
      const response = await this.issuer.respond(
        {
          client,
          userId: record.userId,
          scopes: params.scope === undefined ? record.scopes : requested,
          grantId: record.familyId,
          authTime: record.authTime,
          sessionId: record.sessionId,
          // A refresh is no new authentication: the tokens keep the level of the one the grant started from.
          acr: record.acr,
          amr: record.amr,
          resource: targetResource(record, params),
          refreshToken: next.token,
          dpopJkt: context.dpopJkt,
        },
        manager,
      );
      return { outcome: 'rotated', response };
    });
    if (outcome.outcome === 'rotated') return outcome.response;
    if (outcome.outcome === 'reused') throw new InvalidGrant(`used refresh token presented by client ${client.clientId}; its family is revoked`);
    if (outcome.outcome === 'person-gone') throw new InvalidGrant(`person ${outcome.userId} is disabled or gone; family ${outcome.familyId} revoked`);
    if (outcome.outcome === 'session-ended') throw new InvalidGrant(`the sign-in session of family ${outcome.familyId} has ended; family revoked`);
    if (outcome.outcome === 'access-lost') {
      throw new InvalidGrant(`person ${outcome.userId} is no longer in a group allowed to use client ${client.clientId}; family ${outcome.familyId} revoked`);
    }
    throw new InvalidGrant(`refresh token presented by client ${client.clientId} is unknown, expired, revoked or another client's`);
  }

  /**
   * Revokes the family of a person who is disabled or gone, or no longer in a group allowed to use the
   * client, and of a grant bound to a session that ended or expired. Returned, not thrown, so the
   * revocation commits with the consumption: the grant ends here, the access tokens issued from it included.
   */
  private async endIfPersonMayNotContinue(record: RefreshTokenRecord, client: ClientEntity, manager: EntityManager): Promise<Outcome | undefined> {
    const standing = await this.users.standing(record.userId, record.sessionId, manager);
    let outcome: Ended | undefined;
    if (!standing?.enabled) outcome = 'person-gone';
    else if (isSessionBound(record) && !standing.sessionLive) outcome = 'session-ended';
    else if (!(await this.access.mayUseClient(record.userId, client, manager))) outcome = 'access-lost';
    if (!outcome) return undefined;
    await this.refreshTokens.revokeFamily(record.familyId, manager);
    return { outcome, userId: record.userId, familyId: record.familyId };
  }
}

type Ended = 'person-gone' | 'access-lost' | 'session-ended';

type Outcome =
  | { outcome: 'rotated'; response: TokenResponse }
  | { outcome: Ended; userId: string; familyId: string }
  | { outcome: 'reused' | 'invalid' };

/** A grant without offline_access lives only as long as the sign-in session it came from (OIDC Core §11). */
function isSessionBound(record: RefreshTokenRecord): boolean {
  return record.sessionId !== null && !record.scopes.includes(OFFLINE_ACCESS_SCOPE);
}

/** The new token keeps the family, person, authentication, resource and the full original scope (RFC 6749 §6). */
function grantOf(record: RefreshTokenRecord) {
  return {
    familyId: record.familyId,
    clientId: record.clientId,
    userId: record.userId,
    scopes: record.scopes,
    authTime: record.authTime ?? undefined,
    sessionId: record.sessionId ?? undefined,
    acr: record.acr,
    amr: record.amr,
    resource: record.resource ?? undefined,
  };
}

/**
 * RFC 8707 §2.2: a grant bound to a resource refreshes for that resource only. A grant issued without one
 * leaves each refresh request free to choose its target, as before resources were bound.
 */
function isAuthorizedResource(record: RefreshTokenRecord, requested: string | undefined): boolean {
  return record.resource === null || requested === undefined || requested === record.resource;
}

/** The resource the access token targets: the grant's when it has one, so omitting it keeps the binding. */
function targetResource(record: RefreshTokenRecord, params: FormParams): string | undefined {
  return record.resource ?? params.resource;
}
