import { Module } from '@nestjs/common';
import { ClientsModule } from '@app/clients';
import { FederationModule } from '@app/federation';
import { UsersModule } from '@app/users';
import { ConfigSyncService } from './config-sync.service';
import { ConfigurationWriter } from './configuration-writer';
import { DesiredConfigurationResolver } from './desired-configuration.resolver';
import { LiveConfigurationReader } from './live-configuration.service';
import { YamlBodyParser } from './yaml-body.parser';

@Module({
  imports: [ClientsModule, UsersModule, FederationModule],
  providers: [LiveConfigurationReader, DesiredConfigurationResolver, ConfigurationWriter, ConfigSyncService, YamlBodyParser],
  exports: [ConfigSyncService],
})
export class ConfigSyncModule {}
