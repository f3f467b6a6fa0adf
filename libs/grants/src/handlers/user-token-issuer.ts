import { Injectable } from '@nestjs/common';
import { AppAccessPolicy, PersonClaims } from '@app/access';
import type { ClientEntity } from '@app/clients';
import { GRANT_TYPES } from '@app/clients';
import { AppConfig, InvalidTarget, SigningAlgorithm } from '@app/core';
import type { EntityManager } from 'typeorm';
import { AccessTokenService, IdTokenService, OFFLINE_ACCESS_SCOPE, tokenTypeOf } from '@app/tokens';
import { ADMIN_SCOPES, grantableAdminScopes, UserService } from '@app/users';
import type { TokenRequestContext, TokenResponse } from '../registry/grant-handler';
import { AccessTarget, ScopePolicy } from '../scopes/scope-policy';

export interface UserGrant {
  client: ClientEntity;
  userId: string;
  scopes: readonly string[];
  grantId: string;
  authTime?: Date | null;
  sessionId?: string | null;
  /** How the person authenticated when the grant started (OIDC Core §2 acr/amr); null when unknown. */
  acr?: string | null;
  amr?: readonly string[] | null;
  nonce?: string | null;
  resource?: string;
  refreshToken?: string;
  /** RFC 9449 §5: the key of the token request's DPoP proof, to which the access token is bound. */
  dpopJkt?: string;
}

/** The token response for a person's grant: an access token, the id_token for `openid`, the refresh token. */
@Injectable()
export class UserTokenIssuer {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly idTokens: IdTokenService,
    private readonly scopePolicy: ScopePolicy,
    private readonly config: AppConfig,
    private readonly users: UserService,
    private readonly access: AppAccessPolicy,
    private readonly personClaims: PersonClaims,
  ) {}

  /**
   * Issues the tokens. A grant that consumes a code or a refresh token passes its transaction's `manager`:
   * every read and write then belongs to that transaction, so a refusal (an unknown resource) or a failure
   * (the database gone) rolls the consumption back and the client may simply try again.
   */
  async respond(grant: UserGrant, manager?: EntityManager): Promise<TokenResponse> {
    const authTime = grant.authTime ? Math.floor(grant.authTime.getTime() / 1000) : undefined;
    const scopes = await this.withoutPrivilegedScopes(grant.userId, grant.scopes, manager);
    // Scopes were settled at authorization: a resource only narrows them to what its API defines.
    const target = await this.scopePolicy.resolveTarget(grant.resource, grant.client, scopes, false, manager);
    await assertPersonMayUseApi(this.access, grant.userId, target, manager);
    // One reading for both tokens, so the id_token and the access token agree.
    const personClaims = await this.personClaims.forScopes(grant.userId, grant.client, target.scopes, manager);
    const access = await this.accessTokens.issue({
      clientId: grant.client.clientId,
      subject: grant.userId,
      scopes: target.scopes,
      audience: target.audience,
      ttlSeconds: target.accessTokenTtl ?? grant.client.accessTokenTtl ?? this.config.accessTokenTtl,
      grantId: grant.grantId,
      authTime,
      acr: grant.acr,
      amr: grant.amr,
      sessionId: grant.sessionId ?? undefined,
      format: target.format,
      personClaims,
      dpopJkt: grant.dpopJkt,
    }, manager);
    const response: TokenResponse = {
      access_token: access.token,
      token_type: tokenTypeOf(grant.dpopJkt),
      expires_in: access.expiresIn,
      scope: target.scopes.join(' '),
    };
    if (grant.refreshToken) response.refresh_token = grant.refreshToken;
    // OIDC Core §3.1.3.3: an ID Token whenever the grant includes openid.
    if (grant.scopes.includes('openid')) {
      response.id_token = await this.idTokens.issue({
        clientId: grant.client.clientId,
        subject: grant.userId,
        authTime,
        acr: grant.acr,
        amr: grant.amr,
        nonce: grant.nonce,
        sessionId: grant.sessionId,
        accessToken: access.token,
        alg: grant.client.idTokenSignedResponseAlg as SigningAlgorithm,
        personClaims,
      });
    }
    return response;
  }

  /** Admin scopes are granted to a person only while an admin role of theirs allows them, whatever the client asks. */
  private async withoutPrivilegedScopes(userId: string, scopes: readonly string[], manager?: EntityManager): Promise<string[]> {
    const privileged = (scope: string) => (ADMIN_SCOPES as readonly string[]).includes(scope);
    if (!scopes.some(privileged)) return [...scopes];
    const user = await this.users.findById(userId, manager);
    const allowed = user && !user.disabled ? grantableAdminScopes(user.roles) : new Set<string>();
    return scopes.filter((scope) => !privileged(scope) || allowed.has(scope));
  }
}

/**
 * RFC 8707 §2: an API limited to some groups is a resource this person may not have a token for. Checked
 * at every issuance, refreshes included, so a person taken out of the groups gets no new token for it.
 */
export async function assertPersonMayUseApi(access: AppAccessPolicy, userId: string, target: AccessTarget, manager?: EntityManager): Promise<void> {
  if (target.api && !(await access.mayUseApi(userId, target.api, manager))) {
    throw new InvalidTarget(`The resource ${target.api.identifier} is not available to this person`);
  }
}

/**
 * RFC 9449 §5: a public client's refresh token is bound to the key of the proof it was issued with, as the
 * client has no other credential; a confidential client's is not (its authentication protects it).
 */
export function refreshTokenBinding(client: ClientEntity, context: TokenRequestContext): string | undefined {
  return client.isPublic ? context.dpopJkt : undefined;
}

/** Refresh tokens go to clients that may use the refresh_token grant, or that asked for offline_access. */
export function issuesRefreshToken(client: ClientEntity, scopes: readonly string[]): boolean {
  return client.grantTypes.includes(GRANT_TYPES.refreshToken) || scopes.includes(OFFLINE_ACCESS_SCOPE);
}
