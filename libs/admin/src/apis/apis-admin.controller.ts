import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PolicyReferences } from '@app/access';
import { ApiService, decodeApiCursor, isValidCursor, toApiClientView, toApiView } from '@app/clients';
import type { ApiClientView, ApiView, Page } from '@app/contracts';
import { AuditChanges, Changes } from '../audit/audit-changes';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminActor } from '../auth/admin-actor';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { readPageQuery } from '../pagination';
import { adminValidationPipe } from '../validation/admin-validation.pipe';
import { ApiClientPageDto, ApiViewDto, CreateApiDto, UpdateApiDto } from './api.dto';

@ApiTags('apis')
@ApiBearerAuth()
@Controller('admin/v1/apis')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class ApisAdminController {
  constructor(
    private readonly apis: ApiService,
    private readonly references: PolicyReferences,
  ) {}

  @Post()
  @Audited({ action: 'api.created', targetType: 'api', targetField: 'id' })
  @ApiCreatedResponse({ type: ApiViewDto, description: 'The API with its introspection client_secret, shown this once' })
  async create(@Body(adminValidationPipe()) body: CreateApiDto): Promise<ApiView> {
    const { api, clientSecret } = await this.apis.register(await this.references.apiInput(body));
    return toApiView(api, clientSecret);
  }

  @Get()
  async list(@Query() query: Record<string, unknown>, @CurrentActor() actor: AdminActor): Promise<Page<ApiView>> {
    // An app owner's list holds only their own APIs.
    const owner = actor.ownsOnly('apis:read') ? actor.id : undefined;
    const page = await this.apis.list({ ...readPageQuery(query, (cursor) => decodeApiCursor(cursor) !== undefined), owner });
    return { items: page.items.map((api) => toApiView(api)), next_cursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: ApiViewDto })
  async get(@Param('id') id: string): Promise<ApiView> {
    return toApiView(await this.apis.get(id));
  }

  /** The applications holding the API's scopes, pages as in every admin list (`limit`, `cursor`). */
  @Get(':id/clients')
  @ApiOkResponse({ type: ApiClientPageDto })
  async clients(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<Page<ApiClientView>> {
    const { limit, cursor } = readPageQuery(query, isValidCursor);
    const { api, items, nextCursor } = await this.apis.clientsOf(id, { limit, cursor });
    return { items: items.map((client) => toApiClientView(api, client)), next_cursor: nextCursor };
  }

  @Patch(':id')
  @Audited({ action: 'api.updated', targetType: 'api', targetParam: 'id' })
  @ApiOkResponse({ type: ApiViewDto })
  async update(@Param('id') id: string, @Body(adminValidationPipe()) body: UpdateApiDto, @Changes() changes: AuditChanges): Promise<ApiView> {
    const before = toApiView(await this.apis.get(id));
    const after = toApiView(await this.apis.update(id, await this.references.apiInput(body)));
    // Access-policy fields are audited with their values before and after.
    for (const field of ['allowed_groups', 'allowed_clients', 'owners'] as const) changes.change(field, before[field], after[field]);
    changes.change('token_exchange.allowed_clients', before.token_exchange.allowed_clients, after.token_exchange.allowed_clients);
    return after;
  }

  @Delete(':id')
  @Audited({ action: 'api.deleted', targetType: 'api', targetParam: 'id' })
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.apis.delete(id);
  }

  @Post(':id/secret')
  @Audited({ action: 'api.secret_rotated', targetType: 'api', targetParam: 'id' })
  @HttpCode(200)
  @ApiOkResponse({ type: ApiViewDto })
  async rotateSecret(@Param('id') id: string): Promise<ApiView> {
    const { api, clientSecret } = await this.apis.rotateSecret(id);
    return toApiView(api, clientSecret);
  }
}
