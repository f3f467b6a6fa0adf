import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { IdentityProviderInput, IdentityProviderView } from '@app/contracts';
import { AppConfig, InvalidRequest } from '@app/core';
import { IdentityProviderEntity, IdentityProviderService, toProviderView } from '@app/federation';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { adminValidationPipe } from '../validation/admin-validation.pipe';

const BODY_DESCRIPTION =
  'An OIDC provider ({"type":"oidc","name","issuer","client_id","client_secret","scopes","domains","groups_claim","group_mapping","jit","link_by_verified_email"}, template entra-id | google-workspace | okta) or an LDAP directory ({"type":"ldap","name","url","start_tls","bind_dn","bind_password","user_base_dn","user_filter","attributes","group_base_dn","group_filter","nested_groups","group_mapping","jit","sync_interval_s"}, template active-directory | openldap). Secrets are write-only.';

@ApiTags('identity-providers')
@ApiBearerAuth()
@Controller('admin/v1/identity-providers')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class IdentityProvidersAdminController {
  constructor(
    private readonly providers: IdentityProviderService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @Audited({ action: 'identity_provider.created', targetType: 'identity_provider', targetField: 'id' })
  @ApiBody({ description: BODY_DESCRIPTION, schema: { type: 'object' } })
  @ApiCreatedResponse({ description: 'The provider, without its secret; for OIDC, the redirect_uri to register upstream' })
  async create(@Body(adminValidationPipe()) body: unknown): Promise<IdentityProviderView> {
    return this.view(await this.providers.create(objectBody(body) as unknown as IdentityProviderInput));
  }

  @Get()
  @ApiOkResponse({ description: 'Every identity provider, without secrets' })
  async list(): Promise<{ items: IdentityProviderView[] }> {
    return { items: await Promise.all((await this.providers.list()).map((provider) => this.view(provider))) };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<IdentityProviderView> {
    return this.view(await this.providers.get(id));
  }

  /** Changes only the fields sent; a secret sent replaces the stored one, `null` removes it. */
  @Patch(':id')
  @Audited({ action: 'identity_provider.updated', targetType: 'identity_provider', targetParam: 'id' })
  @ApiBody({ description: BODY_DESCRIPTION, schema: { type: 'object' } })
  async update(@Param('id') id: string, @Body(adminValidationPipe()) body: unknown): Promise<IdentityProviderView> {
    return this.view(await this.providers.update(id, objectBody(body) as Partial<IdentityProviderInput>));
  }

  /** People it signed in keep their accounts here; the memberships it managed end. */
  @Delete(':id')
  @Audited({ action: 'identity_provider.deleted', targetType: 'identity_provider', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@Param('id') id: string): Promise<void> {
    await this.providers.delete(id);
  }

  private async view(provider: IdentityProviderEntity): Promise<IdentityProviderView> {
    return toProviderView(provider, this.config.issuer, await this.providers.hasSecret(provider));
  }
}

/** The two kinds differ too much for one DTO: the federation lib validates every field; here only the shape. */
function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InvalidRequest('The body must be a JSON object');
  return body as Record<string, unknown>;
}
