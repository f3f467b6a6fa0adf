import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { ClientEntity } from '@app/clients';
import { SupportedGrantTypes } from '@app/clients';
import { UnauthorizedClient, UnsupportedGrantType } from '@app/core';
import { GRANT_HANDLER_METADATA, GrantHandler } from './grant-handler';

/**
 * Every grant handler in the application, by grant type. Discovery metadata is built from it, and client
 * registration accepts exactly its grant types: a new handler is registrable with no other list to edit.
 */
@Injectable()
export class GrantRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, GrantHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly supportedGrantTypes: SupportedGrantTypes,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype || !this.reflector.get(GRANT_HANDLER_METADATA, metatype)) continue;
      const handler = instance as GrantHandler;
      if (this.handlers.has(handler.grantType)) {
        throw new Error(`Two grant handlers claim grant_type ${handler.grantType}`);
      }
      this.handlers.set(handler.grantType, handler);
    }
    this.supportedGrantTypes.announce(this.grantTypes());
  }

  /** The handler for an authenticated client's token request. */
  handlerFor(grantType: string, client: ClientEntity): GrantHandler {
    const handler = this.handlers.get(grantType);
    if (!handler) throw new UnsupportedGrantType(`The grant type ${grantType} is not supported`);
    // RFC 6749 §5.2: a client not registered for this grant type is unauthorized_client.
    if (!client.grantTypes.includes(handler.grantType)) {
      throw new UnauthorizedClient(`This client may not use the ${handler.grantType} grant`);
    }
    return handler;
  }

  grantTypes(): string[] {
    return [...this.handlers.keys()];
  }
}
