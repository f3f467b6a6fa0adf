import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ClientRepository } from '@app/clients';
import { AppConfig, InsufficientScope, InvalidToken, OAuthError } from '@app/core';
import { AccessTokenClaims, AccessTokenService } from '@app/tokens';
import { ADMIN_ROLE, UserService } from '@app/users';

export const ADMIN_SCOPE = 'admin';

/** RFC 6750 bearer authentication for the admin API: a valid, unrevoked token of ours with scope `admin`. */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly config: AppConfig,
    private readonly users: UserService,
    private readonly clients: ClientRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { adminClaims?: AccessTokenClaims }>();
    const token = bearerToken(request.headers.authorization);
    const claims = await this.accessTokens.verifyActive(token);
    if (!claims) throw new InvalidToken();
    // A deleted client's tokens die with it: client_credentials tokens are not persisted, so nothing else revokes them.
    if (!(await this.clients.findById(claims.client_id))) throw new InvalidToken();
    const audiences = ([] as string[]).concat(claims.aud);
    if (!audiences.includes(this.config.issuer) && !audiences.includes(this.config.defaultAudience)) {
      throw new InvalidToken('The access token is not meant for this API');
    }
    if (!claims.scope.split(' ').includes(ADMIN_SCOPE)) throw new InsufficientScope(ADMIN_SCOPE);
    // A person's token must belong to someone who is an administrator now: the scope alone is not proof,
    // and a role removed or an account disabled takes effect at once.
    if (claims.sub !== claims.client_id) {
      const person = await this.users.findById(claims.sub);
      if (!person || person.disabled || !person.roles.includes(ADMIN_ROLE)) {
        throw new OAuthError('insufficient_scope', 'Administrators only').withHeader('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${ADMIN_SCOPE}"`);
      }
    }
    request.adminClaims = claims;
    return true;
  }
}

/** RFC 6750 §2.1: `Authorization: Bearer <token>`; a missing header is a bare 401 challenge (§3.1). */
function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization?.trim() ?? '');
  if (!match) {
    const error = new OAuthError('invalid_token', 'A bearer access token is required');
    error.withHeader('WWW-Authenticate', 'Bearer realm="admin"');
    throw error;
  }
  return match[1];
}
