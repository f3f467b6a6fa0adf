import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { AuditModule } from '@app/audit';
import { BrandingModule } from '@app/branding';
import { ConfigSyncModule } from '@app/config-sync';
import { FederationModule } from '@app/federation';
import { ClientsModule } from '@app/clients';
import { GrantsModule } from '@app/grants';
import { LogoutModule } from '@app/logout';
import { TokensModule } from '@app/tokens';
import { UsersModule } from '@app/users';
import { ApisAdminController } from './apis/apis-admin.controller';
import { BrandingAdminController } from './branding/branding-admin.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { EventsAdminController } from './audit/events-admin.controller';
import { AdminAuthGuard } from './auth/admin-auth.guard';
import { MeAdminController } from './auth/me-admin.controller';
import { ClientsAdminController } from './clients/clients-admin.controller';
import { ConfigAdminController } from './config/config-admin.controller';
import { DeviceAuthorizationsAdminController } from './device/device-authorizations-admin.controller';
import { IdentityProvidersAdminController } from './identity-providers/identity-providers-admin.controller';
import { GroupsAdminController } from './groups/groups-admin.controller';
import { KeysAdminController } from './keys/keys-admin.controller';
import { LogoutDeliveriesAdminController } from './logout/logout-deliveries-admin.controller';
import { PersonFactorsAdminController } from './users/person-factors-admin.controller';
import { PersonSessionsAdminController } from './users/person-sessions-admin.controller';
import { UsersAdminController } from './users/users-admin.controller';

@Module({
  imports: [AccessModule, FederationModule, ClientsModule, TokensModule, GrantsModule, UsersModule, AuditModule, LogoutModule, ConfigSyncModule, BrandingModule],
  controllers: [
    MeAdminController, ClientsAdminController, ApisAdminController, KeysAdminController, DeviceAuthorizationsAdminController, UsersAdminController,
    PersonFactorsAdminController, PersonSessionsAdminController, GroupsAdminController, IdentityProvidersAdminController, EventsAdminController,
    LogoutDeliveriesAdminController, ConfigAdminController, BrandingAdminController,
  ],
  providers: [AdminAuthGuard, AuditInterceptor],
  exports: [AdminAuthGuard],
})
export class AdminModule {}
