import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { isResourceServerError } from '../errors';
import { type RequestLike, verifyRequest } from '../middleware';
import { TokenVerifier } from '../verifier';
import { BearerAuthException } from './bearer-auth.exception';
import type { AuthenticationRequirement } from '../authentication';
import { PUBLIC_ROUTE_METADATA, REQUIRED_AUTHENTICATION_METADATA, REQUIRED_SCOPES_METADATA, RESOURCE_SERVER_OPTIONS } from './constants';
import type { RequestWithAuth } from './decorators';
import type { ResourceServerModuleOptions } from './resource-server.options';
import { moduleResourceMetadataUrl } from './protected-resource.controller';

/**
 * Requires a valid bearer token (and the `@RequireScopes()` and `@RequireAuthentication()` of the route) on HTTP routes, except
 * those marked `@Public()`. Works with the Express and Fastify adapters: the challenge header is
 * set through the active HTTP adapter, and the status and body travel in a BearerAuthException.
 * Non-HTTP contexts (RPC, WebSockets) are refused unless marked `@Public()`.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(RESOURCE_SERVER_OPTIONS) private readonly options: ResourceServerModuleOptions,
    @Optional() @Inject(HttpAdapterHost) private readonly adapterHost?: HttpAdapterHost,
  ) {}

  private resourceMetadataUrl?: { url: string | undefined };

  /**
   * RFC 9728 §5.1: named in every challenge when the module serves the resource's metadata. Built on the
   * first refusal and kept, so a bad `protectedResource` still surfaces where it did rather than at startup.
   */
  private get resourceMetadata(): string | undefined {
    this.resourceMetadataUrl ??= { url: moduleResourceMetadataUrl(this.options) };
    return this.resourceMetadataUrl.url;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handlerFirst = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE_METADATA, handlerFirst) === true) return true;
    if (context.getType() !== 'http') return false;

    const http = context.switchToHttp();
    const request = http.getRequest<RequestLike & RequestWithAuth>();
    // Controller and handler scopes add up; controller ones listed first in the challenge.
    const scopes = this.reflector.getAllAndMerge<string[]>(REQUIRED_SCOPES_METADATA, [context.getClass(), context.getHandler()]) ?? [];
    const authentication = this.reflector.getAllAndOverride<AuthenticationRequirement | undefined>(REQUIRED_AUTHENTICATION_METADATA, handlerFirst);
    try {
      request.auth = await verifyRequest(this.verifier, request, { scopes, authentication, now: this.options.now });
      return true;
    } catch (error) {
      if (!isResourceServerError(error)) throw error;
      const response: unknown = http.getResponse();
      throw BearerAuthException.withHeaders(error, { realm: this.options.realm, resourceMetadata: this.resourceMetadata }, (name, value) =>
        this.setHeader(response, name, value),
      );
    }
  }

  private setHeader(response: unknown, name: string, value: string): void {
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter !== undefined && adapter !== null) {
      adapter.setHeader(response, name, value);
      return;
    }
    // No adapter (e.g. a bare application context): Fastify replies have header(), node responses setHeader().
    const target = response as { header?: (n: string, v: string) => unknown; setHeader?: (n: string, v: string) => unknown };
    if (typeof target.header === 'function') target.header(name, value);
    else if (typeof target.setHeader === 'function') target.setHeader(name, value);
  }
}
