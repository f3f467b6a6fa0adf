import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, AppLogger, CoreModule, DatabaseModule, NestPinoLogger } from '@app/core';
import { DATABASE_SCHEMA } from './database-schema';

/** Only the config and the database: opening it applies pending migrations under the advisory lock. */
@Module({})
class MigrateModule {
  static forRoot(config: AppConfig, logger: AppLogger): DynamicModule {
    return { module: MigrateModule, imports: [CoreModule.forRoot(config, logger), DatabaseModule.forRoot(DATABASE_SCHEMA)] };
  }
}

/** `main.js migrate`: applies pending migrations and returns, without listening (a Kubernetes Job runs it). */
export async function runMigrateCommand(config: AppConfig, logger: AppLogger): Promise<void> {
  const started = Date.now();
  const context = await NestFactory.createApplicationContext(MigrateModule.forRoot(config, logger), {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  await context.close();
  logger.info({ ms: Date.now() - started }, 'migrations applied; the database schema is up to date');
}

/**
 * The migrate command always migrates, whatever MIGRATIONS says: one ConfigMap can serve both the Job and
 * the Deployment whose pods skip.
 */
export function migrateCommandEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, MIGRATIONS: 'run' };
}
