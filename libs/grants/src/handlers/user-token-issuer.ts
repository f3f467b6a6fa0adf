import { Injectable } from '@nestjs/common';
import type { ClientEntity } from '@app/clients';
import { AppConfig } from '@app/core';
import { AccessTokenService, IdTokenService } from '@app/tokens';
import type { TokenResponse } from '../registry/grant-handler';
import { ScopePolicy } from '../scopes/scope-policy';

export interface UserGrant {
  client: ClientEntity;
  userId: string;
  scopes: readonly string[];
  grantId: string;
  authTime?: Date | null;
  sessionId?: string | null;
  nonce?: string | null;
  resource?: string;
  refreshToken?: string;
}

/** The token response for a person's grant: an access token, the id_token for `openid`, the refresh token. */
@Injectable()
export class UserTokenIssuer {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly idTokens: IdTokenService,
    private readonly scopePolicy: ScopePolicy,
    private readonly config: AppConfig,
  ) {}

  async respond(grant: UserGrant): Promise<TokenResponse> {
    const authTime = grant.authTime ? Math.floor(grant.authTime.getTime() / 1000) : undefined;
    const audience = await this.scopePolicy.audience(grant.resource, grant.client, grant.scopes);
    const access = await this.accessTokens.issue({
      clientId: grant.client.clientId,
      subject: grant.userId,
      scopes: grant.scopes,
      audience,
      ttlSeconds: grant.client.accessTokenTtl ?? this.config.accessTokenTtl,
      grantId: grant.grantId,
      authTime,
      sessionId: grant.sessionId ?? undefined,
    });
    const response: TokenResponse = {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      scope: grant.scopes.join(' '),
    };
    if (grant.refreshToken) response.refresh_token = grant.refreshToken;
    // OIDC Core §3.1.3.3: an ID Token whenever the grant includes openid.
    if (grant.scopes.includes('openid')) {
      response.id_token = await this.idTokens.issue({
        clientId: grant.client.clientId,
        subject: grant.userId,
        authTime,
        nonce: grant.nonce,
        sessionId: grant.sessionId,
        accessToken: access.token,
      });
    }
    return response;
  }
}

/** Refresh tokens go to clients that may use the refresh_token grant, or that asked for offline_access. */
export function issuesRefreshToken(client: ClientEntity, scopes: readonly string[]): boolean {
  return client.grantTypes.includes('refresh_token') || scopes.includes('offline_access');
}
