import { Body, Controller, Delete, Get, HttpCode, Put, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BrandingEntity, BrandingService } from '@app/branding';
import type { BrandingView } from '@app/contracts';
import { AuditChanges, Changes } from '../audit/audit-changes';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { adminValidationPipe } from '../validation/admin-validation.pipe';
import { BrandingDto, BrandingViewDto } from './branding.dto';

/** The organization name, logo, primary colour and stylesheet of the person-facing pages. */
@ApiTags('branding')
@ApiBearerAuth()
@Controller('admin/v1/branding')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class BrandingAdminController {
  constructor(private readonly branding: BrandingService) {}

  @Get()
  @ApiOkResponse({ type: BrandingViewDto })
  async get(): Promise<BrandingView> {
    return toBrandingView(await this.branding.stored());
  }

  /** Replaces the whole branding; every instance shows it at once (at most 30 s later without the change feed). */
  @Put()
  @Audited({ action: 'branding.updated', targetType: 'branding' })
  @ApiOkResponse({ type: BrandingViewDto })
  async put(@Body(adminValidationPipe()) body: BrandingDto, @Changes() changes: AuditChanges): Promise<BrandingView> {
    const before = toBrandingView(await this.branding.stored());
    const after = toBrandingView(await this.branding.put({
      organizationName: body.organization_name,
      logoUri: body.logo_uri ?? null,
      primaryColor: body.primary_color?.toLowerCase() ?? null,
      customCss: body.custom_css ?? null,
    }));
    for (const field of ['organization_name', 'logo_uri', 'primary_color'] as const) changes.change(field, before[field], after[field]);
    // The stylesheet itself may be large: the audit log notes only that it changed.
    if (before.custom_css !== after.custom_css) changes.note({ custom_css_changed: true });
    return after;
  }

  /** Back to the built-in look. */
  @Delete()
  @HttpCode(204)
  @Audited({ action: 'branding.reset', targetType: 'branding' })
  @ApiNoContentResponse()
  async reset(@Changes() changes: AuditChanges): Promise<void> {
    const removed = await this.branding.reset();
    changes.note({ had_branding: removed !== null, organization_name: removed?.organizationName ?? null });
  }
}

function toBrandingView(row: BrandingEntity | null): BrandingView {
  return {
    organization_name: row?.organizationName ?? null,
    logo_uri: row?.logoUri ?? null,
    primary_color: row?.primaryColor ?? null,
    custom_css: row?.customCss ?? null,
    updated_at: row ? row.updatedAt.toISOString() : null,
  };
}
