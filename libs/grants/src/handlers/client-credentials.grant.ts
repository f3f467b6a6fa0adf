import type { ClientEntity } from '@app/clients';
import { GRANT_TYPES } from '@app/clients';
import { AppConfig, FormParams } from '@app/core';
import { AccessTokenService } from '@app/tokens';
import { Grant, GrantHandler, TokenResponse } from '../registry/grant-handler';
import { ScopePolicy } from '../scopes/scope-policy';

/** RFC 6749 §4.4: a confidential client gets a token for itself. No database write. */
@Grant()
export class ClientCredentialsGrant implements GrantHandler {
  readonly grantType = GRANT_TYPES.clientCredentials;

  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly scopes: ScopePolicy,
    private readonly config: AppConfig,
  ) {}

  async handle(params: FormParams, client: ClientEntity): Promise<TokenResponse> {
    const scopes = this.scopes.grantable(params.scope, client);
    const audience = await this.scopes.audience(params.resource, client, scopes);
    const ttl = client.accessTokenTtl ?? this.config.accessTokenTtl;
    const issued = await this.accessTokens.issue({ clientId: client.clientId, subject: client.clientId, scopes, audience, ttlSeconds: ttl });
    return { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn, scope: scopes.join(' ') };
  }
}
