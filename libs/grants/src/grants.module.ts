import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ClientsModule } from '@app/clients';
import { TokensModule } from '@app/tokens';
import { DiscoveryController } from './discovery/discovery.controller';
import { ServerMetadataService } from './discovery/server-metadata.service';
import { ClientCredentialsGrant } from './handlers/client-credentials.grant';
import { GrantRegistry } from './registry/grant-registry';
import { ScopePolicy } from './scopes/scope-policy';
import { TokenController } from './token/token.controller';

@Module({
  imports: [DiscoveryModule, ClientsModule, TokensModule],
  controllers: [TokenController, DiscoveryController],
  providers: [GrantRegistry, ScopePolicy, ServerMetadataService, ClientCredentialsGrant],
  exports: [GrantRegistry, ServerMetadataService],
})
export class GrantsModule {}
