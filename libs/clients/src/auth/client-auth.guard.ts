import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, IAuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { InvalidClient, readFormBody } from '@app/core';
import { ClientEntity } from '../client.entity';
import { ClientAuthenticator, ClientAuthMethod } from './client-authenticator.service';

/** A passport guard for one strategy that lets our typed errors through untouched. */
function strategyGuard(name: ClientAuthMethod): IAuthGuard {
  class StrategyGuard extends AuthGuard(name) {
    override handleRequest<T>(error: unknown, client: T): T {
      if (error) throw error;
      if (!client) throw new InvalidClient();
      return client;
    }
  }
  return new StrategyGuard();
}

/**
 * Authenticates the client on the token, introspection, revocation and device endpoints: detects the one
 * method the request used, then runs that passport strategy. The client is then `request.user`.
 */
@Injectable()
export class ClientAuthGuard implements CanActivate {
  private readonly guards: Record<ClientAuthMethod, IAuthGuard> = {
    client_secret_basic: strategyGuard('client_secret_basic'),
    client_secret_post: strategyGuard('client_secret_post'),
    none: strategyGuard('none'),
    client_assertion: strategyGuard('client_assertion'),
  };

  constructor(private readonly authenticator: ClientAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const method = this.authenticator.detectMethod(request.headers.authorization, readFormBody(request));
    return (await this.guards[method].canActivate(context)) as boolean;
  }
}

/** The client authenticated by ClientAuthGuard. */
export const AuthenticatedClient = createParamDecorator((_data: unknown, context: ExecutionContext): ClientEntity => {
  return context.switchToHttp().getRequest<FastifyRequest & { user: ClientEntity }>().user;
});
