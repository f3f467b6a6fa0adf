import { Controller, Get, HttpCode, Param, Post, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidRequest } from '@app/core';
import { LOGOUT_DELIVERY_STATUSES, LogoutDeliveryStatus, LogoutDeliveryView, Page } from '@app/contracts';
import { LogoutDeliveriesService } from '@app/logout';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { readPageQuery } from '../pagination';

class LogoutDeliveryViewDto implements LogoutDeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty() client_id!: string;
  @ApiProperty() session_id!: string;
  @ApiProperty() user_id!: string;
  @ApiProperty({ description: 'Why the session ended' }) reason!: string;
  @ApiProperty({ enum: LOGOUT_DELIVERY_STATUSES }) status!: LogoutDeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) last_error!: string | null;
  @ApiProperty() created_at!: string;
  @ApiProperty() next_attempt_at!: string;
  @ApiProperty({ nullable: true, type: String }) delivered_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) dead_at!: string | null;
}

class LogoutDeliveryPageDto {
  @ApiProperty({ type: [LogoutDeliveryViewDto] }) items!: LogoutDeliveryViewDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}

/** The back-channel logout outbox (OIDC Back-Channel Logout 1.0): what each app was or still is to be told. */
@ApiTags('logout-deliveries')
@ApiBearerAuth()
@Controller('admin/v1/logout-deliveries')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class LogoutDeliveriesAdminController {
  constructor(private readonly deliveries: LogoutDeliveriesService) {}

  /** Newest first; `status` narrows the list. */
  @Get()
  @ApiQuery({ name: 'status', required: false, enum: LOGOUT_DELIVERY_STATUSES })
  @ApiOkResponse({ type: LogoutDeliveryPageDto })
  async list(@Query() query: Record<string, unknown>): Promise<Page<LogoutDeliveryView>> {
    const { status, ...rest } = query;
    const page = readPageQuery(rest, (cursor) => this.deliveries.isValidCursor(cursor));
    if (status !== undefined && !LOGOUT_DELIVERY_STATUSES.includes(status as LogoutDeliveryStatus)) {
      throw new InvalidRequest(`status must be one of ${LOGOUT_DELIVERY_STATUSES.join(', ')}`);
    }
    return this.deliveries.list({ status: status as LogoutDeliveryStatus | undefined, limit: page.limit, cursor: page.cursor });
  }

  /** A dead letter goes back to pending, its attempts counted afresh. */
  @Post(':id/retry')
  @Audited({ action: 'logout_delivery.retried', targetType: 'logout_delivery', targetParam: 'id' })
  @HttpCode(200)
  @ApiOkResponse({ type: LogoutDeliveryViewDto })
  async retry(@Param('id') id: string): Promise<LogoutDeliveryView> {
    return this.deliveries.retry(id);
  }
}
