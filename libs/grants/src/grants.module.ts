import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AccessModule } from '@app/access';
import { AuditModule } from '@app/audit';
import { ClientsModule } from '@app/clients';
import { TokensModule } from '@app/tokens';
import { UsersModule } from '@app/users';
import { AuthorizationCodeRepository } from './codes/authorization-code.repository';
import { DeviceAuthorizationAdminService } from './device/device-authorization-admin.service';
import { DeviceAuthorizationRepository } from './device/device-authorization.repository';
import { DEVICE_CONTROLLERS, DEVICE_PROVIDERS } from './device/device.providers';
import { DiscoveryController } from './discovery/discovery.controller';
import { ServerMetadataService } from './discovery/server-metadata.service';
import { AuthorizationCodeGrant } from './handlers/authorization-code.grant';
import { ClientCredentialsGrant } from './handlers/client-credentials.grant';
import { DeviceCodeGrant } from './handlers/device-code.grant';
import { RefreshTokenGrant } from './handlers/refresh-token.grant';
import { UserTokenIssuer } from './handlers/user-token-issuer';
import { GrantRegistry } from './registry/grant-registry';
import { GrantRevocation } from './revocation/grant-revocation.service';
import { PersonAccessService } from './revocation/person-access.service';
import { SessionTokensListener } from './revocation/session-tokens.listener';
import { ScopePolicy } from './scopes/scope-policy';
import { UserinfoController } from './oidc/userinfo.controller';
import { UserinfoService } from './oidc/userinfo.service';
import { AccessTokenPresentation } from './oidc/access-token-presentation';
import { TokenController } from './token/token.controller';
import { TokenExchangeGrant } from './handlers/token-exchange.grant';

@Module({
  imports: [DiscoveryModule, AccessModule, AuditModule, ClientsModule, TokensModule, UsersModule],
  controllers: [TokenController, DiscoveryController, UserinfoController, ...DEVICE_CONTROLLERS],
  providers: [
    GrantRegistry,
    ScopePolicy,
    ServerMetadataService,
    ClientCredentialsGrant,
    AuthorizationCodeGrant,
    RefreshTokenGrant,
    TokenExchangeGrant,
    UserTokenIssuer,
    AuthorizationCodeRepository,
    UserinfoService,
    AccessTokenPresentation,
    DeviceCodeGrant,
    GrantRevocation,
    PersonAccessService,
    SessionTokensListener,
    ...DEVICE_PROVIDERS,
  ],
  exports: [
    GrantRegistry,
    ServerMetadataService,
    DeviceAuthorizationAdminService,
    DeviceAuthorizationRepository,
    PersonAccessService,
    AuthorizationCodeRepository,
    ScopePolicy,
  ],
})
export class GrantsModule {}
