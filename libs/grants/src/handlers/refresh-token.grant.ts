import { DataSource } from 'typeorm';
import type { ClientEntity } from '@app/clients';
import { GRANT_TYPES, parseScope } from '@app/clients';
import { FormParams, InvalidGrant, InvalidRequest, InvalidScope, InvalidTarget } from '@app/core';
import { RefreshTokenRecord, RefreshTokenService } from '@app/tokens';
import { UserService } from '@app/users';
import { Grant, GrantHandler, TokenResponse } from '../registry/grant-handler';
import { UserTokenIssuer } from './user-token-issuer';

/** RFC 6749 §6 with rotation (RFC 9700 §4.14.2): every use returns a new refresh token of the same family. */
@Grant()
export class RefreshTokenGrant implements GrantHandler {
  readonly grantType = GRANT_TYPES.refreshToken;

  constructor(
    private readonly refreshTokens: RefreshTokenService,
    private readonly issuer: UserTokenIssuer,
    private readonly users: UserService,
    private readonly dataSource: DataSource,
  ) {}

  async handle(params: FormParams, client: ClientEntity): Promise<TokenResponse> {
    if (!params.refresh_token) throw new InvalidRequest('The refresh_token parameter is required');
    const requested = parseScope(params.scope);
    if (!requested) throw new InvalidScope('The scope parameter is malformed');
    const rotation = await this.dataSource.transaction(async (manager) => {
      const result = await this.refreshTokens.consume(params.refresh_token, client.clientId, manager);
      if (result.outcome !== 'rotated') return result;
      // Refusals throw before the next token is issued: the rollback undoes the consumption, so the token
      // stays usable. RFC 6749 §6: the scope may only narrow.
      const wider = requested.find((scope) => !result.record.scopes.includes(scope));
      if (wider) throw new InvalidScope(`The scope ${wider} was not granted`);
      if (!isAuthorizedResource(result.record, params.resource)) {
        throw new InvalidTarget('The resource is not the one this grant was issued for');
      }
      const next = await this.refreshTokens.issue(
        { ...grantOf(result.record), ttlSeconds: client.refreshTokenTtl },
        manager,
      );
      return { outcome: 'rotated' as const, record: result.record, next: next.token };
    });
    if (rotation.outcome === 'reused') throw new InvalidGrant('The refresh token was already used; the grant is revoked');
    if (rotation.outcome !== 'rotated') throw new InvalidGrant('The refresh token is invalid, expired or revoked');
    const { record, next } = rotation;
    const user = await this.users.findById(record.userId);
    if (!user || user.disabled) {
      await this.refreshTokens.revokeFamily(record.familyId);
      throw new InvalidGrant('The person of this grant can no longer sign in');
    }
    return this.issuer.respond({
      client,
      userId: record.userId,
      scopes: params.scope === undefined ? record.scopes : requested,
      grantId: record.familyId,
      authTime: record.authTime,
      sessionId: record.sessionId,
      resource: targetResource(record, params),
      refreshToken: next,
    });
  }
}

/** The new token keeps the family, person, resource and the full original scope (RFC 6749 §6). */
function grantOf(record: RefreshTokenRecord) {
  return {
    familyId: record.familyId,
    clientId: record.clientId,
    userId: record.userId,
    scopes: record.scopes,
    authTime: record.authTime ?? undefined,
    sessionId: record.sessionId ?? undefined,
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
