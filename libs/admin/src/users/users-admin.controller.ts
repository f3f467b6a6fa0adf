import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppAccessPolicy } from '@app/access';
import type { ConsentView, Page, PersonAppAccessView, PersonGroupView, UserView } from '@app/contracts';
import { InvalidRequest } from '@app/core';
import { accessEndedDetails, PersonAccessService } from '@app/grants';
import { ConsentService, GroupService, isValidUserCursor, LoginThrottle, toUserView, UserEntity, UserService } from '@app/users';
import { AuditChanges, Changes } from '../audit/audit-changes';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { readPageQuery } from '../pagination';
import { adminValidationPipe } from '../validation/admin-validation.pipe';
import { PersonGroupListDto } from '../groups/group.dto';
import { ConsentListDto, CreateUserDto, PersonAccessListDto, SetPasswordDto, UpdateUserDto, UserPageDto, UserViewDto } from './user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('admin/v1/users')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class UsersAdminController {
  constructor(
    private readonly users: UserService,
    private readonly consents: ConsentService,
    private readonly access: PersonAccessService,
    private readonly groups: GroupService,
    private readonly apps: AppAccessPolicy,
    private readonly throttle: LoginThrottle,
  ) {}

  @Post()
  @Audited({ action: 'user.created', targetType: 'user', targetField: 'id' })
  @ApiCreatedResponse({ type: UserViewDto, description: 'The person, who can sign in at once' })
  async create(@Body(adminValidationPipe()) body: CreateUserDto, @Changes() changes: AuditChanges): Promise<UserView> {
    const user = await this.users.create(body);
    if (body.groups?.length) changes.change('groups', [], (await this.groups.groupsOfPerson(user.id)).filter((row) => row.direct).map((row) => row.group.name));
    return this.viewOf(user);
  }

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  @ApiQuery({ name: 'search', required: false }) @ApiQuery({ name: 'limit', required: false }) @ApiQuery({ name: 'cursor', required: false })
  async list(@Query() query: Record<string, unknown>): Promise<Page<UserView>> {
    const page = await this.users.list(readPageQuery(query, isValidUserCursor));
    const locks = await this.throttle.lockedUntilOf(page.items.map((user) => user.username));
    return { items: page.items.map((user) => toUserView(user, locks.get(user.username.toLowerCase()) ?? null)), next_cursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserViewDto })
  async get(@Param('id') id: string): Promise<UserView> {
    return this.viewOf(await this.users.get(id));
  }

  /**
   * Disabling the person ends every token and browser session of theirs in one step, and the one audit
   * event of the change counts what it ended; re-enabling brings none back.
   */
  @Patch(':id')
  @Audited({ action: 'user.updated', targetType: 'user', targetParam: 'id' })
  @ApiOkResponse({ type: UserViewDto })
  async update(@Param('id') id: string, @Body(adminValidationPipe()) body: UpdateUserDto, @Changes() changes: AuditChanges): Promise<UserView> {
    const before = await this.users.get(id);
    const { user: after, ended } = await this.access.change(id, body);
    changes.change('roles', before.roles, after.roles).change('disabled', before.disabled, after.disabled);
    if (ended) changes.note(accessEndedDetails(ended));
    return this.viewOf(after);
  }

  @Delete(':id')
  @Audited({ action: 'user.deleted', targetType: 'user', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@Param('id') id: string): Promise<void> {
    await this.access.delete(id);
  }

  /** Sets a new password; the person is signed out of every browser and every token of theirs ends. */
  @Post(':id/password')
  @Audited({ action: 'user.password_set', targetType: 'user', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async setPassword(@Param('id') id: string, @Body(adminValidationPipe()) body: SetPasswordDto): Promise<void> {
    await this.access.setPassword(id, body.password);
  }

  /** Every group the person is in, directly or through a group inside it. */
  @Get(':id/groups')
  @ApiOkResponse({ type: PersonGroupListDto })
  async listGroups(@Param('id') id: string): Promise<{ items: PersonGroupView[] }> {
    await this.users.get(id);
    const rows = await this.groups.groupsOfPerson(id);
    return { items: rows.map((row) => ({ id: row.group.id, name: row.group.name, description: row.group.description, direct: row.direct, via: row.via })) };
  }

  /** Which apps the person may sign in to, and why: everyone may, or through which allowed groups. */
  @Get(':id/access')
  @ApiOkResponse({ type: PersonAccessListDto })
  async listApps(@Param('id') id: string): Promise<{ items: PersonAppAccessView[] }> {
    await this.users.get(id);
    return { items: await this.apps.appsOf(id) };
  }

  /** Forgets the person's failed sign-in attempts and ends their lock, so they can sign in again at once. */
  @Post(':id/unlock')
  @Audited({ action: 'user.unlocked', targetType: 'user', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async unlock(@Param('id') id: string, @Changes() changes: AuditChanges): Promise<void> {
    const { username } = await this.users.get(id);
    const lockedUntil = await this.throttle.lockedUntil(username);
    await this.throttle.unlock(username);
    changes.change('locked_until', lockedUntil?.toISOString() ?? null, null);
  }

  private async viewOf(user: UserEntity): Promise<UserView> {
    return toUserView(user, (await this.throttle.lockedUntil(user.username)) ?? null);
  }

  @Get(':id/consents')
  @ApiOkResponse({ type: ConsentListDto })
  async listConsents(@Param('id') id: string): Promise<{ items: ConsentView[] }> {
    await this.users.get(id);
    const rows = await this.consents.list(id);
    return {
      items: rows.map((row) => ({ client_id: row.clientId, scopes: row.scopes, created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString() })),
    };
  }

  /**
   * Withdraws consent for one client (`?client_id=`), or for every client; the consent page shows again, and
   * the tokens those clients hold for the person end.
   */
  @Delete(':id/consents')
  @Audited({ action: 'consent.revoked', targetType: 'user', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiQuery({ name: 'client_id', required: false })
  async revokeConsents(@Param('id') id: string, @Query('client_id') clientId?: unknown): Promise<void> {
    if (clientId !== undefined && typeof clientId !== 'string') throw new InvalidRequest('client_id must be sent once');
    await this.access.withdrawConsent(id, clientId || undefined);
  }

  @Delete(':id/consents/:clientId')
  @Audited({ action: 'consent.revoked', targetType: 'user', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async revokeConsent(@Param('id') id: string, @Param('clientId') clientId: string): Promise<void> {
    await this.access.withdrawConsent(id, clientId);
  }
}
