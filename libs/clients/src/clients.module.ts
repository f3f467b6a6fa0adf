import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ClientAuthGuard } from './auth/client-auth.guard';
import { ClientAssertionStrategy, ClientSecretBasicStrategy, ClientSecretPostStrategy, PublicClientStrategy } from './auth/client-auth.strategies';
import { ClientAssertionJtiRepository } from './auth/client-assertion-jti.repository';
import { ClientAssertionVerifier } from './auth/client-assertion.verifier';
import { ClientSecretSealer } from './auth/client-secret-sealer';
import { JwksUriFetcher } from './auth/jwks-uri.fetcher';
import { ClientAuthenticator } from './auth/client-authenticator.service';
import { GroupReferencesRepository } from './access/group-references.repository';
import { ApiRepository } from './apis/api.repository';
import { ApiService } from './apis/api.service';
import { ClientBootstrapService } from './client-bootstrap.service';
import { ClientCache } from './client-cache';
import { ClientChangeNotifier } from './client-change.notifier';
import { ConsoleClientBootstrapService } from './console-client-bootstrap.service';
import { ClientRepository } from './client.repository';
import { ClientSecretService } from './client-secret.service';
import { ClientService } from './client.service';
import { SupportedGrantTypes } from './registration/supported-grant-types';

@Module({
  imports: [PassportModule.register({ session: false })],
  providers: [
    ClientCache,
    ClientRepository,
    ClientSecretService,
    ClientService,
    ClientChangeNotifier,
    ClientAuthenticator,
    ClientSecretBasicStrategy,
    ClientSecretPostStrategy,
    PublicClientStrategy,
    ClientAssertionStrategy,
    ClientAssertionVerifier,
    ClientAssertionJtiRepository,
    ClientSecretSealer,
    JwksUriFetcher,
    ClientAuthGuard,
    ApiRepository,
    ApiService,
    ClientBootstrapService,
    ConsoleClientBootstrapService,
    SupportedGrantTypes,
    GroupReferencesRepository,
  ],
  exports: [ClientSecretService, ClientSecretSealer, GroupReferencesRepository, ApiService, ClientService, ClientRepository, ClientAuthenticator, ClientAuthGuard, ClientChangeNotifier, SupportedGrantTypes],
})
export class ClientsModule {}
