import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessTokenFormat, ApiEntity, ClientEntity } from '@app/clients';
import { GROUPS_SCOPE, ROLES_SCOPE } from '@app/access';
import { ApiService, parseScope } from '@app/clients';
import { AppConfig, InvalidScope, InvalidTarget } from '@app/core';

/**
 * Scopes that belong to OpenID Connect or to the server itself, not to any API. `groups` and `roles` are
 * the person's, so an API's token keeps them: the API is what decides by them.
 */
const PROTOCOL_SCOPES = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access', GROUPS_SCOPE, ROLES_SCOPE]);

/** Where an access token goes: its audience, the scopes it carries, and how it is issued. */
export interface AccessTarget {
  audience: string;
  scopes: string[];
  /** The API's own access token lifetime, when it sets one. */
  accessTokenTtl: number | null;
  format: AccessTokenFormat;
  api: ApiEntity | null;
}

/** Which scopes and audience a request may have. */
@Injectable()
export class ScopePolicy {
  constructor(
    private readonly config: AppConfig,
    private readonly apis: ApiService,
  ) {}

  /**
   * RFC 6749 §3.3: requested scopes must be among the client's; with none requested, the client's
   * registered scopes are granted.
   */
  grantable(requested: string | undefined, client: ClientEntity): string[] {
    const scopes = parseScope(requested);
    if (!scopes) throw new InvalidScope('The scope parameter is malformed');
    if (requested === undefined) return [...client.scopes];
    const unknown = scopes.find((scope) => !client.scopes.includes(scope));
    if (unknown) throw new InvalidScope(`The scope ${unknown} is not allowed for this client`);
    return scopes;
  }

  /**
   * RFC 8707 §2: `resource` selects a registered API. The client may use it when its registered scopes
   * include at least one of the API's; the token then carries only scopes the API defines (plus protocol
   * scopes). `scopeWasRequested` false means the scopes are the client's defaults, narrowed silently.
   */
  async resolveTarget(
    resource: string | undefined,
    client: ClientEntity,
    scopes: readonly string[],
    scopeWasRequested: boolean,
    manager?: EntityManager,
  ): Promise<AccessTarget> {
    if (resource === undefined || resource === this.config.defaultAudience) {
      if (resource !== undefined) validResource(resource);
      return { audience: this.config.defaultAudience, scopes: [...scopes], accessTokenTtl: null, format: 'jwt', api: null };
    }
    validResource(resource);
    const api = await this.apis.findByIdentifier(resource, manager);
    if (!api) throw new InvalidTarget(`The resource ${resource} is not known`);
    const apiScopes = new Set(api.scopeNames());
    if (!client.scopes.some((scope) => apiScopes.has(scope))) {
      throw new InvalidTarget(`This client may not request tokens for ${resource}`);
    }
    const foreign = scopes.find((scope) => !apiScopes.has(scope) && !PROTOCOL_SCOPES.has(scope));
    if (foreign && scopeWasRequested) throw new InvalidScope(`The scope ${foreign} is not defined by ${resource}`);
    const narrowed = scopes.filter((scope) => apiScopes.has(scope) || PROTOCOL_SCOPES.has(scope));
    return { audience: api.identifier, scopes: narrowed, accessTokenTtl: api.accessTokenTtl, format: api.accessTokenFormat, api };
  }
}

function validResource(resource: string): void {
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    throw new InvalidTarget('The resource must be an absolute URI');
  }
  // RFC 8707 §2: the resource MUST NOT include a fragment.
  if (url.hash || resource.includes('#')) throw new InvalidTarget('The resource must not contain a fragment');
}
