import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ConfigDocument, ConfigSyncService, documentToYaml, Plan, readDocumentBody } from '@app/config-sync';
import { InvalidRequest } from '@app/core';
import { AuditChanges, Changes } from '../audit/audit-changes';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminActor } from '../auth/admin-actor';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { checkDocumentShape } from './config-document-shape';

const BODY = { description: 'A configuration document (apiVersion meridian-auth/v1, kind Configuration) as YAML (application/yaml) or JSON', schema: { type: 'object' } };
const PRUNE = { name: 'prune', required: false, enum: ['true', 'false'], description: 'Delete what the document leaves out; otherwise it is kept' };

@ApiTags('config')
@ApiBearerAuth()
@Controller('admin/v1/config')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class ConfigAdminController {
  constructor(private readonly config: ConfigSyncService) {}

  /** Every object the admin API manages, secrets as references; YAML when asked for with Accept. */
  @Get()
  @ApiOkResponse({ description: 'The configuration document' })
  async export(@Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConfigDocument | string> {
    const document = await this.config.export();
    if (!accept || !/\b(application|text)\/(x-)?yaml\b/.test(accept)) return document;
    reply.header('content-type', 'application/yaml; charset=utf-8');
    return documentToYaml(document);
  }

  /** What apply would change; writes nothing. It compares secrets, so it needs the right to write. */
  @Post('plan')
  @HttpCode(200)
  @ApiBody(BODY) @ApiQuery(PRUNE)
  async plan(@Body() body: unknown, @Query('prune') prune: unknown, @CurrentActor() actor: AdminActor): Promise<Plan> {
    return this.config.plan(checkedDocument(body), { prune: readPrune(prune), callerClientId: actor.clientId });
  }

  /** Applies the document in one transaction; applying it again changes nothing. */
  @Post('apply')
  @HttpCode(200)
  @Audited({ action: 'config.applied', targetType: 'configuration' })
  @ApiBody(BODY) @ApiQuery(PRUNE)
  async apply(@Body() body: unknown, @Query('prune') prune: unknown, @CurrentActor() actor: AdminActor, @Changes() changes: AuditChanges): Promise<Plan> {
    const outcome = await this.config.apply(checkedDocument(body), { prune: readPrune(prune), callerClientId: actor.clientId });
    const byKind: Record<string, number> = {};
    for (const change of outcome.changes) byKind[`${change.kind}.${change.action}`] = (byKind[`${change.kind}.${change.action}`] ?? 0) + 1;
    changes.note({ counts: outcome.counts, by_kind: byKind, prune: readPrune(prune) });
    return { changes: outcome.changes, kept: outcome.kept };
  }
}

function checkedDocument(body: unknown): unknown {
  const document = readDocumentBody(body);
  checkDocumentShape(document);
  return document;
}

function readPrune(prune: unknown): boolean {
  if (prune === undefined || prune === 'false') return false;
  if (prune === 'true') return true;
  throw new InvalidRequest('prune must be true or false');
}
