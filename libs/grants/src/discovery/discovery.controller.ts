import { Controller, Get, Header } from '@nestjs/common';
import { ServerMetadataService } from './server-metadata.service';

@Controller('.well-known')
export class DiscoveryController {
  constructor(private readonly metadata: ServerMetadataService) {}

  /** RFC 8414 §3 */
  @Get('oauth-authorization-server')
  @Header('Cache-Control', 'public, max-age=300')
  authorizationServer(): Record<string, unknown> {
    return this.metadata.metadata();
  }

  /** OpenID Connect Discovery 1.0 §4 */
  @Get('openid-configuration')
  @Header('Cache-Control', 'public, max-age=300')
  openidConfiguration(): Record<string, unknown> {
    return this.metadata.metadata();
  }
}
