import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ClientAuthGuard } from './auth/client-auth.guard';
import { ClientSecretBasicStrategy, ClientSecretPostStrategy, PublicClientStrategy } from './auth/client-auth.strategies';
import { ClientAuthenticator } from './auth/client-authenticator.service';
import { ClientBootstrapService } from './client-bootstrap.service';
import { ClientChangeNotifier } from './client-change.notifier';
import { ConsoleClientBootstrapService } from './console-client-bootstrap.service';
import { ClientRepository } from './client.repository';
import { ClientSecretService } from './client-secret.service';
import { ClientService } from './client.service';

@Module({
  imports: [PassportModule.register({ session: false })],
  providers: [
    ClientRepository,
    ClientSecretService,
    ClientService,
    ClientChangeNotifier,
    ClientAuthenticator,
    ClientSecretBasicStrategy,
    ClientSecretPostStrategy,
    PublicClientStrategy,
    ClientAuthGuard,
    ClientBootstrapService,
    ConsoleClientBootstrapService,
  ],
  exports: [ClientService, ClientRepository, ClientAuthenticator, ClientAuthGuard, ClientChangeNotifier],
})
export class ClientsModule {}
