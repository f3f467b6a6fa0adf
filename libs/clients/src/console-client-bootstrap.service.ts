import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { ClientMetadataInput } from '@app/contracts';
import { AppConfig, APP_LOGGER, AppLogger, Conflict } from '@app/core';
import { GRANT_TYPES } from './registration/grant-types';
import { ClientEntity } from './client.entity';
import { ClientRepository } from './client.repository';
import { ClientService } from './client.service';
import { redirectUriProblem } from './registration/redirect-uri-rules';

/** The client id of the admin console served at `/console`. */
export const CONSOLE_CLIENT_ID = 'admin-console';

/** The console's registration for this issuer: a first-party public client bound to PKCE (RFC 9700 §2.1.1). */
export function consoleClientMetadata(issuer: string): ClientMetadataInput {
  return {
    client_name: 'Admin console',
    application_type: 'web',
    redirect_uris: [`${issuer}/console/callback`],
    post_logout_redirect_uris: [`${issuer}/console/`],
    grant_types: [GRANT_TYPES.authorizationCode, GRANT_TYPES.refreshToken],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    // roles: the console shows each administrator only what their roles let them do.
    scope: 'openid profile email roles admin',
    first_party: true,
    require_pkce: true,
  };
}

/**
 * Registers the admin console's client at every start; when it exists but no longer matches (ISSUER changed,
 * someone edited it), it is put back, keeping the token lifetimes and the access policy an administrator chose.
 */
@Injectable()
export class ConsoleClientBootstrapService implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly clients: ClientRepository,
    private readonly service: ClientService,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const wanted = consoleClientMetadata(this.config.issuer);
    const problem = wanted.redirect_uris?.map(redirectUriProblem).find((found) => found !== undefined);
    if (problem) {
      // Plain http on a non-loopback ISSUER cannot carry a redirect: the server runs, the console cannot sign in.
      this.logger.warn({ issuer: this.config.issuer, problem }, 'admin console disabled: its redirect URI is not acceptable');
      return;
    }
    const existing = await this.clients.findById(CONSOLE_CLIENT_ID);
    if (!existing) {
      await this.create(wanted);
      return;
    }
    if (matches(existing, wanted)) return;
    await this.service.update(CONSOLE_CLIENT_ID, {
      ...wanted,
      access_token_ttl: existing.accessTokenTtl,
      refresh_token_ttl: existing.refreshTokenTtl,
      allowed_groups: existing.allowedGroups,
      groups_claim_filter: existing.groupsClaimFilter,
      owners: existing.owners,
      default_acr_values: existing.defaultAcrValues,
      backchannel_logout_uri: existing.backchannelLogoutUri,
      backchannel_logout_session_required: existing.backchannelLogoutSessionRequired,
      frontchannel_logout_uri: existing.frontchannelLogoutUri,
      frontchannel_logout_session_required: existing.frontchannelLogoutSessionRequired,
      dpop_bound_access_tokens: existing.dpopBoundAccessTokens,
      require_pushed_authorization_requests: existing.requirePushedAuthorizationRequests,
    });
    this.logger.info({ clientId: CONSOLE_CLIENT_ID, redirectUris: wanted.redirect_uris }, 'admin console client updated');
  }

  private async create(wanted: ClientMetadataInput): Promise<void> {
    try {
      await this.service.register(wanted, { clientId: CONSOLE_CLIENT_ID });
      this.logger.info({ clientId: CONSOLE_CLIENT_ID }, 'admin console client created');
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (!(error instanceof Conflict) && !(await this.clients.exists(CONSOLE_CLIENT_ID))) throw error;
    }
  }
}

function matches(client: ClientEntity, wanted: ClientMetadataInput): boolean {
  const same = (a: readonly string[], b: readonly string[] | undefined) => a.length === (b ?? []).length && a.every((value, i) => value === b?.[i]);
  return (
    same(client.redirectUris, wanted.redirect_uris) &&
    same(client.postLogoutRedirectUris, wanted.post_logout_redirect_uris) &&
    same(client.grantTypes, wanted.grant_types) &&
    same(client.scopes, wanted.scope?.split(' ')) &&
    client.tokenEndpointAuthMethod === wanted.token_endpoint_auth_method &&
    client.firstParty === wanted.first_party &&
    client.requirePkce === wanted.require_pkce
  );
}
