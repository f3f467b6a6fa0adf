import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InsufficientScope, OAuthError } from '@app/core';
import { OwnApiTokens } from '@app/tokens';
import { SCIM_SCOPE } from '@app/access';

export { SCIM_SCOPE };

export type ScimRequest = FastifyRequest & { scimClientId?: string };

/**
 * RFC 6750 bearer authentication for the SCIM service, as for the admin API: a valid, unrevoked access
 * token of ours, meant for this server, held by a client that still exists, with scope `scim`. Only a
 * client's own token (client_credentials) provisions: a person's token carries a person's authority.
 */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  constructor(private readonly tokens: OwnApiTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    const claims = await this.tokens.verifyHeader(request.headers.authorization, 'scim');
    if (!claims.scope.split(' ').includes(SCIM_SCOPE)) throw new InsufficientScope(SCIM_SCOPE);
    if (claims.sub !== claims.client_id) {
      throw new OAuthError('insufficient_scope', 'Provisioning takes a client token (client_credentials)').withHeader('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${SCIM_SCOPE}"`);
    }
    request.scimClientId = claims.client_id;
    return true;
  }
}
