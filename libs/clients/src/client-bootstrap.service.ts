import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, APP_LOGGER, AppLogger } from '@app/core';
import { GRANT_TYPES } from './registration/grant-types';
import { ClientRepository } from './client.repository';
import { ClientService } from './client.service';

/** Creates the first admin API client from BOOTSTRAP_ADMIN_CLIENT_ID/_SECRET; a no-op when it exists. */
@Injectable()
export class ClientBootstrapService implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly clients: ClientRepository,
    private readonly service: ClientService,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { bootstrapAdminClientId: clientId, bootstrapAdminClientSecret: secret } = this.config;
    if (!clientId || !secret || (await this.clients.exists(clientId))) return;
    try {
      await this.service.register(
        {
          client_name: 'Bootstrap admin client',
          grant_types: [GRANT_TYPES.clientCredentials],
          response_types: [],
          token_endpoint_auth_method: 'client_secret_basic',
          scope: 'admin',
          first_party: true,
        },
        { clientId, chosenSecret: secret },
      );
      this.logger.info({ clientId }, 'bootstrap admin client created');
    } catch (error) {
      // Another instance starting at the same moment may have created it first.
      if (!(await this.clients.exists(clientId))) throw error;
    }
  }
}
