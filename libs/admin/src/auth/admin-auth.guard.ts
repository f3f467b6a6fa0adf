import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiService, ClientRepository } from '@app/clients';
import { APP_LOGGER, AppLogger, InsufficientScope, NotFound, OAuthError } from '@app/core';
import { AccessTokenClaims, OwnApiTokens } from '@app/tokens';
import { ADMIN_SCOPE, ADMIN_SCOPES, adminRolesOf, UserService } from '@app/users';
import { AdminActor } from './admin-actor';
import { ADMIN_ROUTES, AdminRouteRule, routeKeyOf } from './admin-routes';

export type AdminRequest = FastifyRequest & { adminClaims?: AccessTokenClaims; adminActor?: AdminActor };

/**
 * RFC 6750 bearer authentication for the admin API, then authorization by ADMIN_ROUTES: a valid, unrevoked
 * token of ours with an admin scope, held by a client (its scopes decide) or by a person who holds an admin
 * role now (roles and scopes decide together).
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: OwnApiTokens,
    private readonly users: UserService,
    private readonly clients: ClientRepository,
    private readonly apis: ApiService,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const claims = await this.authenticate(request);
    const actor = await this.actorOf(claims);
    const route = routeKeyOf(context);
    const rule = ADMIN_ROUTES[route];
    if (!rule) {
      this.logger.error({ route }, 'admin route without an authorization rule: refused');
      throw refused('This route is not open to anyone');
    }
    await this.authorize(rule, actor, request);
    request.adminClaims = claims;
    request.adminActor = actor;
    return true;
  }

  private authenticate(request: AdminRequest): Promise<AccessTokenClaims> {
    return this.tokens.verifyHeader(request.headers.authorization, 'admin');
  }

  /** A person's token must belong to someone who is an administrator now: a removed role or a disabled account takes effect at once. */
  private async actorOf(claims: AccessTokenClaims): Promise<AdminActor> {
    const scopes = claims.scope.split(' ').filter((scope) => (ADMIN_SCOPES as readonly string[]).includes(scope));
    if (scopes.length === 0) throw new InsufficientScope(ADMIN_SCOPE);
    if (claims.sub === claims.client_id) return AdminActor.client(claims.client_id, scopes);
    const person = await this.users.findById(claims.sub);
    if (!person || person.disabled || adminRolesOf(person.roles).length === 0) throw refused('Administrators only', ADMIN_SCOPE);
    return AdminActor.person(person.id, claims.client_id, person.roles, scopes);
  }

  private async authorize(rule: AdminRouteRule, actor: AdminActor, request: AdminRequest): Promise<void> {
    const params = (request.params ?? {}) as Record<string, string>;
    const body = isRecord(request.body) ? request.body : {};
    if (rule.permission !== null && !actor.can(rule.permission)) {
      const alternative = rule.alternative;
      const onlyThose = alternative && Object.keys(body).length > 0 && Object.keys(body).every((field) => alternative.onlyFields.includes(field));
      if (!alternative || !onlyThose || !actor.can(alternative.permission)) throw refused(`This administrator may not do this (${rule.permission})`);
    }
    if (rule.permission !== null && rule.owned && typeof rule.owned === 'object' && actor.ownsOnly(rule.permission)) {
      if (!(await this.owns(actor, rule.owned, params))) {
        // Not yours: as if it did not exist, so an app owner cannot learn which other apps there are.
        const id = 'client' in rule.owned ? params[rule.owned.client] : params[rule.owned.api];
        throw new NotFound('client' in rule.owned ? `No client with id ${id}` : `No API with id ${id}`);
      }
    }
    if (rule.grantsRoles && Array.isArray(body.roles) && !actor.holdsRoles(body.roles.filter((role): role is string => typeof role === 'string'))) {
      throw refused('Nobody may hand out an administrator role they do not hold');
    }
    if (rule.targetPerson) {
      const target = await this.users.findById(params[rule.targetPerson]);
      if (target && !actor.holdsRoles(target.roles)) throw refused('This person holds administrator powers beyond yours');
    }
  }

  private async owns(actor: AdminActor, owned: { client: string } | { api: string }, params: Record<string, string>): Promise<boolean> {
    if ('client' in owned) return (await this.clients.findById(params[owned.client] ?? ''))?.owners.includes(actor.id) ?? false;
    const api = await this.apis.get(params[owned.api] ?? '').catch(() => undefined);
    return api?.owners.includes(actor.id) ?? false;
  }
}

/** RFC 6750 §3.1: 403 insufficient_scope, the answer for "authenticated, but not allowed to". */
function refused(description: string, scope?: string): OAuthError {
  const challenge = scope ? `Bearer error="insufficient_scope", scope="${scope}"` : 'Bearer error="insufficient_scope"';
  return new OAuthError('insufficient_scope', description).withHeader('WWW-Authenticate', challenge);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
