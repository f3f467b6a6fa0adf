import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { UnsupportedGrantType } from '@app/core';
import { GRANT_HANDLER_METADATA, GrantHandler } from './grant-handler';

/** Every grant handler in the application, by grant type. Discovery metadata is built from it. */
@Injectable()
export class GrantRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, GrantHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
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
  }

  get(grantType: string): GrantHandler {
    const handler = this.handlers.get(grantType);
    if (!handler) throw new UnsupportedGrantType(`The grant type ${grantType} is not supported`);
    return handler;
  }

  grantTypes(): string[] {
    return [...this.handlers.keys()];
  }
}
