import { DataSource } from 'typeorm';
import { buildVersion } from './build-version';

/** The database lists migrations this build does not have: a newer release migrated it. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly unknownMigrations: readonly string[],
    readonly version: string,
  ) {
    super(
      `The database schema is newer than this build (version ${version}): it lists migration(s) this build does not know: ` +
        `${unknownMigrations.join(', ')}. This database was migrated by a newer release; run that release or restore a backup ` +
        'taken before the upgrade.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Stops the start, before any migration runs, when the migrations table names a migration that is not
 * among this build's. Running older code on a newer schema would read and write tables it does not
 * understand (and its own migrations could not be trusted to apply), so nothing is touched.
 */
export async function refuseNewerSchema(dataSource: DataSource, version: string = buildVersion()): Promise<void> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const [{ present }]: Array<{ present: boolean }> = await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]);
  if (!present) return;
  const applied: Array<{ name: string }> = await dataSource.query(`SELECT name FROM "${table}" ORDER BY timestamp, id`);
  const known = new Set(dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name));
  const unknown = applied.map((row) => row.name).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new SchemaTooNewError(unknown, version);
}
