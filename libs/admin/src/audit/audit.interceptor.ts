import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, Observable } from 'rxjs';
import { mergeMap } from 'rxjs/operators';
import { AuditActor, AuditLog } from '@app/audit';
import type { AccessTokenClaims } from '@app/tokens';
import { changesOf, RequestWithChanges } from './audit-changes';
import { AUDITED, AuditedRoute } from './audited.decorator';

type AdminRequest = FastifyRequest & RequestWithChanges & { adminClaims?: AccessTokenClaims };

/**
 * Records every admin change that succeeded, after the handler answered and before the answer is sent.
 * Who comes from the claims AdminAuthGuard verified; what from the route's @Audited; the body's field
 * names (never their values) say what was touched; handlers that know them add before/after values
 * through AuditChanges.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<AuditedRoute | undefined>(AUDITED, context.getHandler());
    const request = context.switchToHttp().getRequest<AdminRequest>();
    if (!route || request.method === 'GET') return next.handle();
    return next.handle().pipe(mergeMap((result: unknown) => from(this.record(route, request, result).then(() => result))));
  }

  private record(route: AuditedRoute, request: AdminRequest, result: unknown): Promise<void> {
    const params = (request.params ?? {}) as Record<string, string>;
    const answer = (result && typeof result === 'object' ? result : {}) as Record<string, unknown>;
    const targetId = route.targetParam ? params[route.targetParam] : route.targetField ? answer[route.targetField] : undefined;
    const body = request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {};
    const query = (request.query ?? {}) as Record<string, unknown>;
    const details: Record<string, unknown> = {};
    const fields = Object.keys(body).sort();
    if (fields.length > 0) details.fields = fields;
    if (typeof answer.client_name === 'string') details.client_name = answer.client_name;
    if (typeof answer.username === 'string') details.username = answer.username;
    if (typeof answer.identifier === 'string') details.identifier = answer.identifier;
    if (typeof body.disabled === 'boolean') details.disabled = body.disabled;
    if (Array.isArray(body.roles)) details.roles = body.roles;
    if (typeof query.client_id === 'string') details.client_id = query.client_id;
    if (params.clientId && route.targetParam !== 'clientId') details.client_id = params.clientId;
    if (request.adminClaims && request.adminClaims.sub !== request.adminClaims.client_id) details.via_client = request.adminClaims.client_id;
    const reported = changesOf(request);
    if (reported) {
      Object.assign(details, reported.details);
      if (Object.keys(reported.changes).length > 0) details.changes = reported.changes;
    }
    return this.audit.record({
      action: route.action,
      actor: actorOf(request.adminClaims),
      target: { type: route.targetType, id: typeof targetId === 'string' ? targetId : null },
      origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
      details,
    });
  }
}

/** A client_credentials token acts as its client; any other token as the person it was issued to. */
function actorOf(claims: AccessTokenClaims | undefined): AuditActor {
  if (!claims) return { type: 'anonymous' };
  return claims.sub === claims.client_id ? { type: 'client', id: claims.client_id } : { type: 'person', id: claims.sub };
}
