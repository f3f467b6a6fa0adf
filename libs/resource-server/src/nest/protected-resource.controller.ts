import { Controller, Get, Header, Inject, type Type } from '@nestjs/common';
import { protectedResourceMetadata, type ProtectedResourceMetadata, protectedResourceMetadataPath, protectedResourceMetadataUrl } from '../protected-resource-metadata';
import { RESOURCE_SERVER_OPTIONS } from './constants';
import { Public } from './decorators';
import type { ResourceServerModuleOptions } from './resource-server.options';

/** RFC 9728 metadata of the module's resource, or undefined when `protectedResource` is not set. */
export function moduleResourceMetadata(options: ResourceServerModuleOptions): ProtectedResourceMetadata | undefined {
  if (options.protectedResource === undefined) return undefined;
  const audience = typeof options.audience === 'string' ? options.audience : options.audience[0];
  return protectedResourceMetadata(options.protectedResource, { issuer: options.issuer, audience: audience ?? '' });
}

/** RFC 9728 §5.1: the `resource_metadata` URL the module's challenges carry. */
export function moduleResourceMetadataUrl(options: ResourceServerModuleOptions): string | undefined {
  const metadata = moduleResourceMetadata(options);
  return metadata && protectedResourceMetadataUrl(metadata.resource);
}

/**
 * Builds the controller serving the metadata at the path RFC 9728 §3.1 derives from the resource
 * (decorators need the path when the class is defined). `@Public()`: clients read it before they hold a token.
 */
export function protectedResourceController(options: ResourceServerModuleOptions): Type<unknown> {
  const metadata = moduleResourceMetadata(options);
  if (metadata === undefined) throw new TypeError('protectedResourceController needs `protectedResource`');

  @Controller()
  class ProtectedResourceController {
    /** The options do not change once injected, so the document is built on the first GET and reused. */
    private served?: ProtectedResourceMetadata;

    constructor(@Inject(RESOURCE_SERVER_OPTIONS) private readonly options: ResourceServerModuleOptions) {}

    @Get(protectedResourceMetadataPath(metadata!.resource))
    @Public()
    @Header('Cache-Control', 'public, max-age=3600')
    metadata(): ProtectedResourceMetadata {
      this.served ??= moduleResourceMetadata(this.options)!;
      return this.served;
    }
  }
  return ProtectedResourceController;
}
