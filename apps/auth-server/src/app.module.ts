import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from '@app/admin';
import { CLIENTS_ENTITIES, CLIENTS_MIGRATIONS, ClientsModule } from '@app/clients';
import { AppConfig, AppLogger, CoreModule, DatabaseModule } from '@app/core';
import { GRANTS_ENTITIES, GRANTS_MIGRATIONS, GrantsModule } from '@app/grants';
import { TOKENS_ENTITIES, TOKENS_MIGRATIONS, TokensModule } from '@app/tokens';
import { USERS_ENTITIES, USERS_MIGRATIONS, UsersModule } from '@app/users';
import { ConsoleStaticModule } from './console/console-static.module';

/** The deployable: every lib, one database holding every lib's tables. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: AppLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, logger),
        DatabaseModule.forRoot({
          entities: [...CLIENTS_ENTITIES, ...USERS_ENTITIES, ...TOKENS_ENTITIES, ...GRANTS_ENTITIES],
          migrations: [...CLIENTS_MIGRATIONS, ...USERS_MIGRATIONS, ...TOKENS_MIGRATIONS, ...GRANTS_MIGRATIONS],
        }),
        ClientsModule,
        UsersModule,
        TokensModule,
        GrantsModule,
        AdminModule,
        ConsoleStaticModule,
      ],
    };
  }
}
