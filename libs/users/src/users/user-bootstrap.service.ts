import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, APP_LOGGER, AppLogger, Conflict } from '@app/core';
import { ADMIN_ROLE } from './roles';
import { UserRepository } from './user.repository';
import { UserService } from './user.service';

/** Creates the first admin person from BOOTSTRAP_ADMIN_USERNAME/_PASSWORD; a no-op once it exists. */
@Injectable()
export class UserBootstrapService implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly service: UserService,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { bootstrapAdminUsername: username, bootstrapAdminPassword: password } = this.config;
    if (!username || !password || (await this.users.usernameTaken(username))) return;
    try {
      const user = await this.service.create({ username, password, name: username, roles: [ADMIN_ROLE] });
      this.logger.info({ userId: user.id, username }, 'bootstrap admin person created');
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (!(error instanceof Conflict)) throw error;
    }
  }
}
