import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthenticatedClient, ClientAuthGuard, ClientEntity } from '@app/clients';
import { readFormBody } from '@app/core';
import { NoStore } from '@app/tokens';
import { DeviceAuthorizationResponse, DeviceAuthorizationService } from './device-authorization.service';

/** RFC 8628 §3.1: the device authorization endpoint; public clients authenticate with client_id alone. */
@Controller('oauth2')
export class DeviceAuthorizationController {
  constructor(private readonly devices: DeviceAuthorizationService) {}

  @Post('device_authorization')
  @HttpCode(200)
  @NoStore()
  @UseGuards(ClientAuthGuard)
  authorize(@Req() request: FastifyRequest, @AuthenticatedClient() client: ClientEntity): Promise<DeviceAuthorizationResponse> {
    return this.devices.start(readFormBody(request), client);
  }
}
