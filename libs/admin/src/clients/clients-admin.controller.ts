import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAccessPolicy, PolicyReferences } from '@app/access';
import { ClientService, isValidCursor, toClientView } from '@app/clients';
import type { AppAccessView, ClientView, Page } from '@app/contracts';
import { AuditChanges, Changes } from '../audit/audit-changes';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminActor } from '../auth/admin-actor';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { readPageQuery } from '../pagination';
import { adminValidationPipe } from '../validation/admin-validation.pipe';
import { ClientMetadataDto, ClientPageDto, ClientViewDto } from './client-metadata.dto';

@ApiTags('clients')
@ApiBearerAuth()
@Controller('admin/v1/clients')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class ClientsAdminController {
  constructor(
    private readonly clients: ClientService,
    private readonly references: PolicyReferences,
    private readonly appAccess: AppAccessPolicy,
  ) {}

  @Post()
  @Audited({ action: 'client.created', targetType: 'client', targetField: 'client_id' })
  @ApiCreatedResponse({ type: ClientViewDto, description: 'The registration, with client_secret shown this once' })
  async create(@Body(adminValidationPipe('client')) body: ClientMetadataDto): Promise<ClientView> {
    const { client, clientSecret } = await this.clients.register(await this.references.clientInput(body));
    return toClientView(client, clientSecret);
  }

  @Get()
  @ApiOkResponse({ type: ClientPageDto })
  async list(@Query() query: Record<string, unknown>, @CurrentActor() actor: AdminActor): Promise<Page<ClientView>> {
    // An app owner's list holds only their own clients.
    const owner = actor.ownsOnly('clients:read') ? actor.id : undefined;
    const page = await this.clients.list({ ...readPageQuery(query, isValidCursor), owner });
    return { items: page.items.map((client) => toClientView(client)), next_cursor: page.nextCursor };
  }

  @Get(':clientId')
  @ApiOkResponse({ type: ClientViewDto })
  async get(@Param('clientId') clientId: string): Promise<ClientView> {
    return toClientView(await this.clients.get(clientId));
  }

  /** Replaces the metadata: omitted fields take their defaults (RFC 7592 §2.2). */
  @Put(':clientId')
  @Audited({ action: 'client.updated', targetType: 'client', targetParam: 'clientId' })
  @ApiOkResponse({ type: ClientViewDto })
  async replace(@Param('clientId') clientId: string, @Body(adminValidationPipe('client')) body: ClientMetadataDto, @Changes() changes: AuditChanges): Promise<ClientView> {
    const before = toClientView(await this.clients.get(clientId));
    const { client, clientSecret } = await this.clients.update(clientId, await this.references.clientInput(body));
    return reportPolicy(changes, before, toClientView(client, clientSecret));
  }

  /** Changes only the fields sent. */
  @Patch(':clientId')
  @Audited({ action: 'client.updated', targetType: 'client', targetParam: 'clientId' })
  @ApiOkResponse({ type: ClientViewDto })
  async patch(@Param('clientId') clientId: string, @Body(adminValidationPipe('client')) body: ClientMetadataDto, @Changes() changes: AuditChanges): Promise<ClientView> {
    const current = toClientView(await this.clients.get(clientId));
    const merged = { ...current, ...stripUndefined(body) };
    const { client, clientSecret } = await this.clients.update(clientId, await this.references.clientInput(merged));
    return reportPolicy(changes, current, toClientView(client, clientSecret));
  }

  /** Who can sign in to this client, and why. */
  @Get(':clientId/access')
  async access(@Param('clientId') clientId: string): Promise<AppAccessView> {
    return this.appAccess.whoCanSignIn(await this.clients.get(clientId));
  }

  @Delete(':clientId')
  @Audited({ action: 'client.deleted', targetType: 'client', targetParam: 'clientId' })
  @HttpCode(204)
  async delete(@Param('clientId') clientId: string): Promise<void> {
    await this.clients.delete(clientId);
  }

  @Post(':clientId/secret')
  @Audited({ action: 'client.secret_rotated', targetType: 'client', targetParam: 'clientId' })
  @HttpCode(200)
  @ApiOkResponse({ type: ClientViewDto, description: 'The registration with its new client_secret, shown this once' })
  async rotateSecret(@Param('clientId') clientId: string): Promise<ClientView> {
    const { client, clientSecret } = await this.clients.rotateSecret(clientId);
    return toClientView(client, clientSecret);
  }
}

/** Access-policy fields are audited with their values before and after. */
function reportPolicy(changes: AuditChanges, before: ClientView, after: ClientView): ClientView {
  for (const field of ['allowed_groups', 'groups_claim_filter', 'owners', 'scope', 'default_acr_values'] as const) changes.change(field, before[field], after[field]);
  return after;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
