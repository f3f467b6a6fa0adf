import { DataSource, MigrationExecutor } from 'typeorm';

/**
 * The server was told not to migrate (MIGRATIONS=skip) but the database lacks migrations this build needs.
 * Starting anyway would serve requests against missing tables, so start-up stops with the names instead.
 */
export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `MIGRATIONS=skip, but ${pending.length} migration(s) have not been applied to this database (${summary(pending)}); ` +
        'run the migrate command first (node dist/apps/auth-server/src/main.js migrate, the Kubernetes migrations Job) or start with MIGRATIONS=run',
    );
    this.name = 'PendingMigrationsError';
  }
}

/** Refuses a database with pending migrations; reads only, so it never creates the migrations table. */
export async function assertNoPendingMigrations(dataSource: DataSource): Promise<void> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length > 0) throw new PendingMigrationsError(pending.map((migration) => migration.name));
}

function summary(names: string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}
