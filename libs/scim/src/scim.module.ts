import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { AuditModule } from '@app/audit';
import { GrantsModule } from '@app/grants';
import { TokensModule } from '@app/tokens';
import { UsersModule } from '@app/users';
import { ScimGroupsService } from './groups/scim-groups.service';
import { ScimAudit } from './http/scim-audit';
import { ScimAuthGuard } from './http/scim-auth.guard';
import { ScimDiscoveryController } from './http/scim-discovery.controller';
import { scimResourceController } from './http/scim-resource.controller';
import { ScimResourceRepository } from './storage/scim-resource.repository';
import { ScimUsersService } from './users/scim-users.service';

const ScimUsersController = scimResourceController('Users', ScimUsersService);
const ScimGroupsController = scimResourceController('Groups', ScimGroupsService);

/** SCIM 2.0 (RFC 7643, 7644) at /scim/v2, so Entra ID and Okta provision people and groups. */
@Module({
  imports: [AccessModule, AuditModule, GrantsModule, TokensModule, UsersModule],
  controllers: [ScimDiscoveryController, ScimUsersController, ScimGroupsController],
  providers: [ScimAuthGuard, ScimAudit, ScimResourceRepository, ScimUsersService, ScimGroupsService],
})
export class ScimModule {}
