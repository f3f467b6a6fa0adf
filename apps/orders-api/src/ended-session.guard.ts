import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InvalidTokenError } from '@meridian-auth/resource-server';
import { BearerAuthException, RESOURCE_SERVER_OPTIONS, type RequestWithAuth, type ResourceServerModuleOptions } from '@meridian-auth/resource-server/nest';
import { EndedSessions } from './ended-sessions';

/**
 * Runs after the SDK's global bearer guard (controller guards come after global ones) and refuses a valid
 * token whose session was ended by back-channel logout, with the same 401 invalid_token answer as any dead token.
 */
@Injectable()
export class EndedSessionGuard implements CanActivate {
  constructor(
    @Inject(EndedSessions) private readonly endedSessions: EndedSessions,
    @Inject(RESOURCE_SERVER_OPTIONS) private readonly options: ResourceServerModuleOptions,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const token = http.getRequest<RequestWithAuth>().auth;
    // No token here means a @Public() route: nothing to refuse.
    if (token === undefined || !this.endedSessions.covers(token)) return true;
    const error = new InvalidTokenError('The session behind the access token has ended');
    throw BearerAuthException.withHeaders(error, { realm: this.options.realm }, (name, value) =>
      this.adapterHost.httpAdapter.setHeader(http.getResponse(), name, value),
    );
  }
}
