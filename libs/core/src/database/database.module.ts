import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, MixedList, EntitySchema } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_LOGGER, AppLogger } from '../logging/app-logger';
import { refuseNewerSchema } from './schema-version-check';
import type { EmbeddedPostgres } from './embedded-postgres';
import { DatabaseHealth } from './database-health';
import { DatabaseMetrics } from './database-metrics';
import { StorageHealth } from './storage-health';
import { ChangeFeed } from './change-feed.service';
import { assertNoPendingMigrations } from './pending-migrations';

export interface DatabaseModuleOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

const EMBEDDED = Symbol('EMBEDDED_POSTGRES');
/** Serializes migrations across instances starting at once on one database. */
const MIGRATION_LOCK_KEY = 7_274_011;

/** Owns the connection's lifecycle: closes the pool, then the embedded database, on shutdown. */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED) private readonly embedded: EmbeddedPostgres | undefined,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: EMBEDDED,
          inject: [AppConfig, APP_LOGGER],
          useFactory: async (config: AppConfig, logger: AppLogger) => {
            if (config.databaseUrl) return undefined;
            const started = Date.now();
            // Loaded only here: PGlite's code costs memory that deployments on PostgreSQL never use.
            const { EmbeddedPostgres: Embedded } = require('./embedded-postgres') as typeof import('./embedded-postgres');
            const embedded = await Embedded.start(config.dataDir === ':memory:' ? undefined : config.dataDir);
            logger.info({ dataDir: config.dataDir, ms: Date.now() - started }, 'embedded database started');
            return embedded;
          },
        },
        {
          provide: DataSource,
          inject: [AppConfig, EMBEDDED, APP_LOGGER],
          useFactory: async (config: AppConfig, embedded: EmbeddedPostgres | undefined, logger: AppLogger) => {
            const dataSource = new DataSource({
              type: 'postgres',
              url: embedded?.url ?? config.databaseUrl,
              entities: options.entities,
              migrations: options.migrations,
              migrationsTransactionMode: 'each',
              synchronize: false,
              logging: false,
              extra: {
                // The embedded database has a single connection; see EmbeddedPostgres.
                max: embedded ? 1 : 20,
                connectionTimeoutMillis: 5000,
                statement_timeout: config.statementTimeoutMs,
                idle_in_transaction_session_timeout: config.statementTimeoutMs * 2,
              },
            });
            await dataSource.initialize();
            await refuseNewerSchema(dataSource);
            if (config.migrations === 'run') await runMigrations(dataSource, !embedded);
            else await assertNoPendingMigrations(dataSource).catch(async (error: unknown) => {
              await dataSource.destroy();
              throw error;
            });
            logger.info({ database: embedded ? 'embedded' : 'postgresql' }, 'database ready');
            return dataSource;
          },
        },
        DatabaseLifecycle,
        DatabaseHealth,
        DatabaseMetrics,
        StorageHealth,
        ChangeFeed,
      ],
      exports: [DataSource, DatabaseHealth, StorageHealth, ChangeFeed],
    };
  }
}

async function runMigrations(dataSource: DataSource, useAdvisoryLock: boolean): Promise<void> {
  if (!useAdvisoryLock) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}
