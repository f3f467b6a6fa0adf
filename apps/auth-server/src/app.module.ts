import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdminModule } from '@app/admin';
import { AuditModule, auditPurgeTasks } from '@app/audit';
import { ClientsModule, CLIENTS_PURGE_TASKS } from '@app/clients';
import { AppConfig, AppLogger, CoreModule, DatabaseModule, HousekeepingModule } from '@app/core';
import { FederationModule } from '@app/federation';
import { GRANTS_PURGE_TASKS, GrantsModule } from '@app/grants';
import { INTERACTION_PURGE_TASKS, InteractionModule } from '@app/interaction';
import { LOGOUT_PURGE_TASKS, LogoutModule } from '@app/logout';
import { ScimModule } from '@app/scim';
import { TOKENS_PURGE_TASKS, TokensModule } from '@app/tokens';
import { USERS_PURGE_TASKS, UsersModule } from '@app/users';
import { ConsoleStaticModule } from './console/console-static.module';
import { DATABASE_SCHEMA } from './database-schema';
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
        DatabaseModule.forRoot(DATABASE_SCHEMA),
        HousekeepingModule.forRoot([...GRANTS_PURGE_TASKS, ...INTERACTION_PURGE_TASKS, ...TOKENS_PURGE_TASKS, ...USERS_PURGE_TASKS, ...auditPurgeTasks(config.audit), ...LOGOUT_PURGE_TASKS, ...CLIENTS_PURGE_TASKS]),
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
