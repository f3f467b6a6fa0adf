import { AppAccessPolicy } from '@app/access';
import type { ClientEntity } from '@app/clients';
import { GRANT_TYPES } from '@app/clients';
import { AppConfig, FormParams, InvalidTarget } from '@app/core';
import { AccessTokenService, tokenTypeOf } from '@app/tokens';
import { Grant, GrantHandler, TokenRequestContext, TokenResponse } from '../registry/grant-handler';
import { ScopePolicy } from '../scopes/scope-policy';

/** RFC 6749 §4.4: a confidential client gets a token for itself. No database write for JWTs. */
@Grant()
export class ClientCredentialsGrant implements GrantHandler {
  readonly grantType = GRANT_TYPES.clientCredentials;

  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly scopes: ScopePolicy,
    private readonly config: AppConfig,
    private readonly access: AppAccessPolicy,
  ) {}

  async handle(params: FormParams, client: ClientEntity, context: TokenRequestContext = {}): Promise<TokenResponse> {
    const requested = this.scopes.grantable(params.scope, client);
    const target = await this.scopes.resolveTarget(params.resource, client, requested, params.scope !== undefined);
    // RFC 8707 §2: an API that lists the clients allowed to call it on their own behalf refuses the others.
    if (target.api && !this.access.clientMayUseApi(client.clientId, target.api)) {
      throw new InvalidTarget(`This client may not request tokens for ${target.api.identifier}`);
    }
    const ttl = target.accessTokenTtl ?? client.accessTokenTtl ?? this.config.accessTokenTtl;
    const issued = await this.accessTokens.issue({
      clientId: client.clientId,
      subject: client.clientId,
      scopes: target.scopes,
      audience: target.audience,
      ttlSeconds: ttl,
      format: target.format,
      dpopJkt: context.dpopJkt,
    });
    return { access_token: issued.token, token_type: tokenTypeOf(context.dpopJkt), expires_in: issued.expiresIn, scope: target.scopes.join(' ') };
  }
}
