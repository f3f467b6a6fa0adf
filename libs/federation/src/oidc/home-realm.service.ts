import { Injectable } from '@nestjs/common';
import type { IdentityProviderEntity } from '../providers/identity-provider.entity';
import { IdentityProviderService } from '../providers/identity-provider.service';
import { UpstreamDiscovery } from './upstream-discovery.service';

/** Home-realm discovery: the enabled OpenID Provider that owns the domain of a name typed as `x@domain`. */
@Injectable()
export class HomeRealmDiscovery {
  constructor(
    private readonly providers: IdentityProviderService,
    private readonly discovery: UpstreamDiscovery,
  ) {}

  async providerFor(username: string | undefined): Promise<IdentityProviderEntity | undefined> {
    const at = username?.lastIndexOf('@') ?? -1;
    if (!username || at <= 0 || at === username.length - 1) return undefined;
    const domain = username.slice(at + 1).trim().toLowerCase();
    const providers = await this.providers.listEnabled('oidc');
    return providers.find((provider) => provider.oidc.domains.includes(domain));
  }

  /** True when some enabled OpenID Provider owns a domain: the login form may then come without a password. */
  async anyRoutedDomain(providers?: IdentityProviderEntity[]): Promise<boolean> {
    return (providers ?? (await this.providers.listEnabled('oidc'))).some((provider) => provider.oidc.domains.length > 0);
  }

  /**
   * The origins the login form's answer may end up at: a routed name goes on to its upstream's
   * authorization endpoint, and browsers hold every redirect after a form submission to the page's CSP
   * form-action. The issuer's origin stands in when the upstream cannot be asked right now.
   */
  async formTargets(providers: IdentityProviderEntity[]): Promise<string[]> {
    const origins = await Promise.all(
      providers
        .filter((provider) => provider.oidc.domains.length > 0)
        .map(async (provider) => {
          const endpoint = await this.discovery.discover(provider.oidc.issuer, provider.displayName).then((upstream) => upstream.metadata.authorization_endpoint, () => provider.oidc.issuer);
          return new URL(endpoint).origin;
        }),
    );
    return [...new Set(origins)];
  }
}
