import { chmodSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { BackupRefusedError } from '@app/core';
import { copyRowsOf } from './copy-rows';
import { libpqConnection, runPgTool } from './pg-client-tools';

/**
 * `pg_dump --format=custom` of DATABASE_URL into `out`. pg_dump reads one snapshot, so servers may keep
 * running; the file is written beside the target and renamed, readable by its owner only.
 */
export async function backupPostgres(databaseUrl: string, out: string): Promise<void> {
  const { dbname, env } = libpqConnection(databaseUrl);
  const target = resolve(out);
  const partial = `${target}.partial`;
  try {
    await runPgTool('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], env);
    chmodSync(partial, 0o600);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * `pg_restore` of the backup `from` into DATABASE_URL, in one transaction. `checkKeys` first sees the
 * backup's signing_keys rows (read from the dump, not the database), so nothing is written when they cannot be
 * opened. A database that already holds tables is restored over (`--clean`) only with `force`.
 */
export async function restorePostgres(
  databaseUrl: string,
  from: string,
  options: { force: boolean; checkKeys: (rows: Array<Record<string, string | null>>) => void },
): Promise<void> {
  const { dbname, env } = libpqConnection(databaseUrl);
  const source = resolve(from);
  const script = await runPgTool('pg_restore', ['--data-only', '--table=signing_keys', '--file=-', source], env);
  options.checkKeys(copyRowsOf(script, 'signing_keys'));
  const tables = await tableCount(databaseUrl);
  if (tables > 0 && !options.force) {
    throw new BackupRefusedError(`The database in DATABASE_URL is not empty (${tables} tables); restore into a new, empty database, or replace it with --force.`);
  }
  const clean = tables > 0 ? ['--clean', '--if-exists'] : [];
  await runPgTool('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', ...clean, `--dbname=${dbname}`, source], env);
}

async function tableCount(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    return rows[0].count;
  } finally {
    await client.end();
  }
}
