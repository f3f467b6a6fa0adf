import { Module } from '@nestjs/common';
import { FederationModule } from '../federation.module';
import { HomeRealmDiscovery } from './home-realm.service';
import { OidcUpstreamSignIn } from './oidc-sign-in.service';
import { UpstreamAttemptRepository } from './upstream-attempt.repository';
import { UpstreamDiscovery } from './upstream-discovery.service';

/** Sign-in through upstream OpenID Providers; the pages (/federation/{name}/...) live in the interaction lib. */
@Module({
  imports: [FederationModule],
  providers: [UpstreamDiscovery, UpstreamAttemptRepository, OidcUpstreamSignIn, HomeRealmDiscovery],
  exports: [OidcUpstreamSignIn, HomeRealmDiscovery, FederationModule],
})
export class OidcFederationModule {}
