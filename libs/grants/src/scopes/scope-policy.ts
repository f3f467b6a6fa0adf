import { Injectable } from '@nestjs/common';
import type { ClientEntity } from '@app/clients';
import { parseScope } from '@app/clients';
import { AppConfig, InvalidScope, InvalidTarget } from '@app/core';

/** Which scopes and audience a request may have. */
@Injectable()
export class ScopePolicy {
  constructor(private readonly config: AppConfig) {}

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

  /** RFC 8707: the audience of the access token; without `resource`, the configured default. */
  async audience(resource: string | undefined, _client: ClientEntity, _scopes: readonly string[]): Promise<string> {
    if (resource === undefined) return this.config.defaultAudience;
    let url: URL;
    try {
      url = new URL(resource);
    } catch {
      throw new InvalidTarget('The resource must be an absolute URI');
    }
    // RFC 8707 §2: the resource MUST NOT include a fragment.
    if (url.hash || resource.includes('#')) throw new InvalidTarget('The resource must not contain a fragment');
    if (resource === this.config.defaultAudience) return resource;
    throw new InvalidTarget(`The resource ${resource} is not known`);
  }
}
