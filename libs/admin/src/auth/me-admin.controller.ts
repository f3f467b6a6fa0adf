import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminMeView } from '@app/contracts';
import { UserService } from '@app/users';
import { AdminActor } from './admin-actor';
import { AdminAuthGuard } from './admin-auth.guard';
import { ALL_PERMISSIONS } from './admin-permissions';
import { CurrentActor } from './current-actor.decorator';

@ApiTags('me')
@ApiBearerAuth()
@Controller('admin/v1/me')
@UseGuards(AdminAuthGuard)
export class MeAdminController {
  constructor(private readonly users: UserService) {}

  /** What the caller may do here: the console shows only these. */
  @Get()
  @ApiOkResponse({ description: 'The caller, their administrator roles and permissions' })
  async me(@CurrentActor() actor: AdminActor): Promise<AdminMeView> {
    const view: AdminMeView = {
      sub: actor.id,
      client_id: actor.clientId,
      kind: actor.kind,
      roles: actor.kind === 'person' ? [...actor.roles] : [],
      scopes: [...actor.scopes],
      permissions: ALL_PERMISSIONS.filter((permission) => actor.can(permission)),
      owned_only: ALL_PERMISSIONS.filter((permission) => actor.ownsOnly(permission)),
    };
    if (actor.kind === 'person') view.username = (await this.users.findById(actor.id))?.username;
    return view;
  }
}
