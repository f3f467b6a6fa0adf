import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditEventEntity, AuditEventPageQuery, AuditLog, decodeAuditCursor } from '@app/audit';
import type { AuditEventView, Page } from '@app/contracts';
import { InvalidRequest } from '@app/core';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { readPageQuery } from '../pagination';
import { AuditEventPageDto, AuditEventQueryDto } from './event.dto';

@ApiTags('events')
@ApiBearerAuth()
@Controller('admin/v1/events')
@UseGuards(AdminAuthGuard)
export class EventsAdminController {
  constructor(private readonly audit: AuditLog) {}

  /** The audit log, newest first. */
  @Get()
  @ApiOkResponse({ type: AuditEventPageDto })
  async list(@Query() query: AuditEventQueryDto): Promise<Page<AuditEventView>> {
    const page = await this.audit.list(readEventQuery(query as Record<string, unknown>));
    return { items: page.items.map(toEventView), next_cursor: page.nextCursor };
  }
}

function readEventQuery(query: Record<string, unknown>): AuditEventPageQuery {
  const { limit, cursor } = readPageQuery(query, (value) => decodeAuditCursor(value) !== undefined);
  const text = (name: string) => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || value.length > 200) throw new InvalidRequest(`${name} must be a short text`);
    return value;
  };
  const date = (name: string) => {
    const value = text(name);
    if (value === undefined) return undefined;
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) throw new InvalidRequest(`${name} must be an RFC 3339 date-time`);
    return parsed;
  };
  return { limit, cursor, action: text('action'), actorId: text('actor_id'), targetId: text('target_id'), since: date('since'), until: date('until') };
}

function toEventView(event: AuditEventEntity): AuditEventView {
  return {
    id: event.id,
    occurred_at: event.occurredAt.toISOString(),
    actor_type: event.actorType,
    actor_id: event.actorId,
    action: event.action,
    target_type: event.targetType,
    target_id: event.targetId,
    ip: event.ip,
    user_agent: event.userAgent,
    details: event.details,
  };
}
