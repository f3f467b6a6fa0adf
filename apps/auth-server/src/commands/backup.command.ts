import { AppConfig, backupEmbeddedDatabase, BackupRefusedError } from '@app/core';
import { parseCommandLine, UsageError } from './command-line';
import { backupPostgres } from './postgres-backup';

export const BACKUP_USAGE = 'backup --out FILE';

/** `backup --out FILE`: the whole database, signing keys included (still sealed under KEY_ENCRYPTION_SECRET). */
export async function backupCommand(config: AppConfig, args: readonly string[]): Promise<string> {
  const out = parseCommandLine(args, ['out']).values.out;
  if (!out) throw new UsageError(`the file to write is missing: ${BACKUP_USAGE}`);
  if (config.databaseUrl) {
    await backupPostgres(config.databaseUrl, out);
  } else {
    if (config.dataDir === ':memory:') throw new BackupRefusedError('DATA_DIR is :memory:, a database that lives only inside a running server: there is nothing to back up.');
    await backupEmbeddedDatabase(config.dataDir, out);
  }
  return `backup written to ${out}`;
}
