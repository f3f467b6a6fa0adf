import { AppConfig, BackupQuery, BackupRefusedError, restoreEmbeddedDatabase } from '@app/core';
import { assertSigningKeysOpen, StoredSigningKey } from '@app/tokens';
import { parseCommandLine, UsageError } from './command-line';
import { restorePostgres } from './postgres-backup';

export const RESTORE_USAGE = 'restore --from FILE [--force]';

/**
 * `restore --from FILE [--force]`: replaces the database with a backup, after checking that its signing
 * keys open with this KEY_ENCRYPTION_SECRET, so a wrong secret stops the restore instead of the next start.
 */
export async function restoreCommand(config: AppConfig, args: readonly string[]): Promise<string> {
  const options = parseCommandLine(args, ['from'], ['force']);
  const from = options.values.from;
  if (!from) throw new UsageError(`the backup to restore is missing: ${RESTORE_USAGE}`);
  const force = options.flags.has('force');
  const checkKeys = (rows: ReadonlyArray<Record<string, unknown>>) => assertSigningKeysOpen(asStoredKeys(rows), config.keyEncryptionSecret);
  if (config.databaseUrl) {
    await restorePostgres(config.databaseUrl, from, { force, checkKeys });
  } else {
    if (config.dataDir === ':memory:') throw new BackupRefusedError('DATA_DIR is :memory:: set DATA_DIR to the folder the server will use, then restore into it.');
    await restoreEmbeddedDatabase(config.dataDir, from, { force, check: async (query) => checkKeys(await signingKeysIn(query)) });
  }
  return `restored ${from}; start the server with the same KEY_ENCRYPTION_SECRET`;
}

async function signingKeysIn(query: BackupQuery): Promise<Array<Record<string, unknown>>> {
  const [{ present }] = await query(`SELECT to_regclass('signing_keys') IS NOT NULL AS present`);
  if (!present) return [];
  return query('SELECT kid, status, private_jwk FROM signing_keys');
}

/** Rows from a backup, read as the signing keys they are (columns kid, status, private_jwk). */
function asStoredKeys(rows: ReadonlyArray<Record<string, unknown>>): StoredSigningKey[] {
  return rows.map((row) => ({ kid: String(row.kid), status: String(row.status), private_jwk: String(row.private_jwk ?? '') }));
}
