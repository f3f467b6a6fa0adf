import { Controller, Get, HttpCode, Param, Post, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DeviceAuthorizationAdminService, DeviceAuthorizationEntity, isValidDeviceCursor } from '@app/grants';
import type { DeviceAuthorizationView } from '@app/contracts';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { readPageQuery } from '../pagination';


class DeviceAuthorizationViewDto implements DeviceAuthorizationView {
  @ApiProperty() id!: string;
  @ApiProperty() client_id!: string;
  @ApiProperty() scope!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'denied'] }) status!: 'pending' | 'approved' | 'denied';
  @ApiProperty() created_at!: string;
  @ApiProperty() expires_at!: string;
}

class DeviceAuthorizationPageDto {
  @ApiProperty({ type: [DeviceAuthorizationViewDto] }) items!: DeviceAuthorizationViewDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}

function toView(row: DeviceAuthorizationEntity): DeviceAuthorizationView {
  return {
    id: row.id,
    client_id: row.clientId,
    scope: row.scopes.join(' '),
    status: row.status,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
  };
}

@ApiTags('device-authorizations')
@ApiBearerAuth()
@Controller('admin/v1/device-authorizations')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class DeviceAuthorizationsAdminController {
  constructor(private readonly devices: DeviceAuthorizationAdminService) {}

  /** Pending (undecided, unexpired) device authorizations, oldest first. */
  @Get()
  @ApiOkResponse({ type: DeviceAuthorizationPageDto })
  async list(@Query() query: Record<string, unknown>): Promise<{ items: DeviceAuthorizationView[]; next_cursor: string | null }> {
    const page = await this.devices.listPending(readPageQuery(query, isValidDeviceCursor));
    return { items: page.items.map(toView), next_cursor: page.nextCursor };
  }

  /** The device's next poll gets access_denied (RFC 8628 §3.5). */
  @Post(':id/deny')
  @Audited({ action: 'device_authorization.denied', targetType: 'device_authorization', targetParam: 'id' })
  @HttpCode(200)
  @ApiOkResponse({ type: DeviceAuthorizationViewDto })
  async deny(@Param('id') id: string): Promise<DeviceAuthorizationView> {
    return toView(await this.devices.deny(id));
  }
}
