import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdminModule } from '@app/admin';
import { AUDIT_ENTITIES, AUDIT_MIGRATIONS, AUDIT_PURGE_TASKS, AuditModule } from '@app/audit';
import { CLIENTS_ENTITIES, CLIENTS_MIGRATIONS, ClientsModule, CLIENTS_PURGE_TASKS } from '@app/clients';
import { AppConfig, AppLogger, CoreModule, DatabaseModule, HousekeepingModule } from '@app/core';
import { FEDERATION_ENTITIES, FEDERATION_MIGRATIONS, FederationModule } from '@app/federation';
import { GRANTS_ENTITIES, GRANTS_MIGRATIONS, GRANTS_PURGE_TASKS, GrantsModule } from '@app/grants';
import { INTERACTION_PURGE_TASKS, InteractionModule } from '@app/interaction';
import { LOGOUT_ENTITIES, LOGOUT_MIGRATIONS, LOGOUT_PURGE_TASKS, LogoutModule } from '@app/logout';
import { SCIM_MIGRATIONS, ScimModule } from '@app/scim';
import { TOKENS_ENTITIES, TOKENS_MIGRATIONS, TOKENS_PURGE_TASKS, TokensModule } from '@app/tokens';
import { USERS_ENTITIES, USERS_MIGRATIONS, USERS_PURGE_TASKS, UsersModule } from '@app/users';
import { ConsoleStaticModule } from './console/console-static.module';
import { ErrorResponder } from './http/error-responder';
import { ResponseErrorFilter } from './http/response-error.filter';

/** The deployable: every lib, one database holding every lib's tables. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: AppLogger, errors: ErrorResponder): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, logger),
        DatabaseModule.forRoot({
          entities: [...CLIENTS_ENTITIES, ...USERS_ENTITIES, ...TOKENS_ENTITIES, ...GRANTS_ENTITIES, ...AUDIT_ENTITIES, ...FEDERATION_ENTITIES, ...LOGOUT_ENTITIES],
          migrations: [...CLIENTS_MIGRATIONS, ...USERS_MIGRATIONS, ...TOKENS_MIGRATIONS, ...GRANTS_MIGRATIONS, ...AUDIT_MIGRATIONS, ...FEDERATION_MIGRATIONS, ...LOGOUT_MIGRATIONS, ...SCIM_MIGRATIONS],
        }),
        HousekeepingModule.forRoot([...GRANTS_PURGE_TASKS, ...INTERACTION_PURGE_TASKS, ...TOKENS_PURGE_TASKS, ...USERS_PURGE_TASKS, ...AUDIT_PURGE_TASKS, ...LOGOUT_PURGE_TASKS, ...CLIENTS_PURGE_TASKS]),
        AuditModule,
        ClientsModule,
        UsersModule,
        TokensModule,
        GrantsModule,
        FederationModule,
        LogoutModule,
        InteractionModule,
        AdminModule,
        ScimModule,
        ConsoleStaticModule,
      ],
      providers: [{ provide: ErrorResponder, useValue: errors }, { provide: APP_FILTER, useClass: ResponseErrorFilter }],
    };
  }
}
