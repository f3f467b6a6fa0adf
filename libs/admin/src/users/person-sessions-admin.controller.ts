import { Controller, Delete, Get, HttpCode, Param, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { SessionView } from '@app/contracts';
import { isUuid, NotFound } from '@app/core';
import { accessEndedDetails, PersonAccessService } from '@app/grants';
import { SessionApp, SsoSessionRow, SsoSessionService, UserService } from '@app/users';
import { AuditChanges, Changes } from '../audit/audit-changes';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { SessionListDto } from './user.dto';

/** A person's live sign-in sessions: where and when each started, which apps it signed in to; ending them. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('admin/v1/users/:id/sessions')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class PersonSessionsAdminController {
  constructor(
    private readonly users: UserService,
    private readonly sessions: SsoSessionService,
    private readonly access: PersonAccessService,
  ) {}

  @Get()
  @ApiOkResponse({ type: SessionListDto })
  async list(@Param('id') id: string): Promise<{ items: SessionView[] }> {
    await this.users.get(id);
    const rows = await this.sessions.listForUser(id);
    const apps = await this.sessions.appsOf(rows.map((row) => row.id));
    return { items: rows.map((row) => toSessionView(row, apps.filter((app) => app.sessionId === row.id))) };
  }

  /** Signs the person out everywhere: every browser session, and every token of theirs, offline ones included. */
  @Delete()
  @Audited({ action: 'session.ended', targetType: 'user', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async endAll(@Param('id') id: string, @Changes() changes: AuditChanges): Promise<void> {
    changes.note(accessEndedDetails(await this.access.endAllSessions(id)));
  }

  /** Ends one session and the tokens it produced (grants with offline_access outlive it, as at logout). */
  @Delete(':sid')
  @Audited({ action: 'session.ended', targetType: 'user', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async endOne(@Param('id') id: string, @Param('sid') sessionId: string, @Changes() changes: AuditChanges): Promise<void> {
    await this.users.get(id);
    const ended = isUuid(sessionId) && (await this.sessions.endOneForUser(id, sessionId, 'ended-by-admin'));
    if (!ended) throw new NotFound(`No live session with id ${sessionId.slice(0, 100)} for this person`);
    changes.note({ session_id: sessionId });
  }
}

function toSessionView(row: SsoSessionRow, apps: SessionApp[]): SessionView {
  return {
    id: row.id,
    started_at: row.createdAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    ip: row.ip,
    user_agent: row.userAgent,
    acr: row.acr,
    amr: row.amr,
    apps: apps.map((app) => ({ client_id: app.clientId, client_name: app.clientName, first_at: app.firstAt.toISOString() })),
  };
}
