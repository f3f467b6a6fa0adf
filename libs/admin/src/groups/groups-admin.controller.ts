import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PolicyReferences } from '@app/access';
import type { GroupMemberView, GroupView, Page } from '@app/contracts';
import { InvalidRequest } from '@app/core';
import { GroupService, isValidGroupCursor, MembershipChange, toGroupView } from '@app/users';
import { AuditChanges, Changes } from '../audit/audit-changes';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { readPageQuery } from '../pagination';
import { adminValidationPipe } from '../validation/admin-validation.pipe';
import { CreateGroupDto, GroupMemberListDto, GroupPageDto, GroupViewDto, UpdateGroupDto } from './group.dto';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('admin/v1/groups')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class GroupsAdminController {
  constructor(
    private readonly groups: GroupService,
    private readonly references: PolicyReferences,
  ) {}

  @Post()
  @Audited({ action: 'group.created', targetType: 'group', targetField: 'id' })
  @ApiCreatedResponse({ type: GroupViewDto })
  async create(@Body(adminValidationPipe()) body: CreateGroupDto, @Changes() changes: AuditChanges): Promise<GroupView> {
    const group = await this.groups.create(body);
    changes.note({ name: group.name, require_mfa: group.requireMfa, require_phishing_resistant: group.requirePhishingResistant });
    return toGroupView(group);
  }

  @Get()
  @ApiOkResponse({ type: GroupPageDto })
  @ApiQuery({ name: 'search', required: false }) @ApiQuery({ name: 'limit', required: false }) @ApiQuery({ name: 'cursor', required: false })
  async list(@Query() query: Record<string, unknown>): Promise<Page<GroupView>> {
    const page = await this.groups.list(readPageQuery(query, isValidGroupCursor));
    return { items: page.items.map(toGroupView), next_cursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: GroupViewDto })
  async get(@Param('id') id: string): Promise<GroupView> {
    return toGroupView(await this.groups.get(id));
  }

  /** A new name is renamed in every access policy naming the group, in the same transaction. */
  @Patch(':id')
  @Audited({ action: 'group.updated', targetType: 'group', targetParam: 'id' })
  @ApiOkResponse({ type: GroupViewDto })
  async update(@Param('id') id: string, @Body(adminValidationPipe()) body: UpdateGroupDto, @Changes() changes: AuditChanges): Promise<GroupView> {
    const { before, after } = await this.references.updateGroup(id, body);
    changes
      .change('name', before.name, after.name)
      .change('description', before.description, after.description)
      .change('require_mfa', before.requireMfa, after.requireMfa)
      .change('require_phishing_resistant', before.requirePhishingResistant, after.requirePhishingResistant);
    return toGroupView(after);
  }

  /** A group named by an access policy is kept (409, naming them) unless `?force=true` takes it out of them. */
  @Delete(':id')
  @Audited({ action: 'group.deleted', targetType: 'group', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiQuery({ name: 'force', required: false, enum: ['true', 'false'] })
  async delete(@Param('id') id: string, @Query('force') force: unknown, @Changes() changes: AuditChanges): Promise<void> {
    const { group, removedFrom } = await this.references.deleteGroup(id, readForce(force));
    changes.note({ name: group.name });
    for (const clientId of removedFrom.clients) changes.change(`clients.${clientId}.allowed_groups`, [group.name], []);
    for (const identifier of removedFrom.apis) changes.change(`apis.${identifier}.allowed_groups`, [group.name], []);
  }

  @Get(':id/members')
  @ApiOkResponse({ type: GroupMemberListDto })
  async members(@Param('id') id: string): Promise<{ items: GroupMemberView[] }> {
    await this.groups.get(id);
    const rows = await this.groups.directMembers(id);
    return {
      items: rows.map((row): GroupMemberView => (row.type === 'user' ? { type: 'user', id: row.id, username: row.username ?? '', name: row.name } : { type: 'group', id: row.id, name: row.name ?? '' })),
    };
  }

  /** `memberId` is a person's id, or a group's: that group goes inside this one, with its members. */
  @Put(':id/members/:memberId')
  @Audited({ action: 'group.member_added', targetType: 'group', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async addMember(@Param('id') id: string, @Param('memberId') memberId: string, @Changes() changes: AuditChanges): Promise<void> {
    report(changes, await this.groups.addMember(id, memberId), true);
  }

  @Delete(':id/members/:memberId')
  @Audited({ action: 'group.member_removed', targetType: 'group', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeMember(@Param('id') id: string, @Param('memberId') memberId: string, @Changes() changes: AuditChanges): Promise<void> {
    report(changes, await this.groups.removeMember(id, memberId), false);
  }
}

function report(changes: AuditChanges, outcome: MembershipChange, added: boolean): void {
  changes.note({ group: outcome.group.name, member: outcome.member });
  const before = outcome.changed ? !added : added;
  changes.change('member', before, added);
}

function readForce(force: unknown): boolean {
  if (force === undefined || force === 'false') return false;
  if (force === 'true') return true;
  throw new InvalidRequest('force must be true or false');
}
