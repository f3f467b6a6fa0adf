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
   * form-action. The login page never waits on an upstream: until its configuration is known, the
   * issuer's origin stands in (where the authorization endpoint of Entra ID, Google and Okta lives), and
   * the configuration is fetched in the background for the next page.
   */
  formTargets(providers: IdentityProviderEntity[]): string[] {
    const origins = providers
      .filter((provider) => provider.oidc.domains.length > 0)
      .flatMap((provider) => {
        const known = this.discovery.known(provider.oidc.issuer);
        if (!known) void this.discovery.discover(provider.oidc.issuer, provider.displayName).catch(() => undefined);
        return [new URL(provider.oidc.issuer).origin, ...(known ? [new URL(known.authorization_endpoint).origin] : [])];
      });
    return [...new Set(origins)];
  }
}
