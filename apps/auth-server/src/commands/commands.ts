import { AppConfig, BackupRefusedError } from '@app/core';
import { KeyEncryptionSecretError } from '@app/tokens';
import { EXIT_CONFIG } from '../startup-failure';
import { BACKUP_USAGE, backupCommand } from './backup.command';
import { UsageError } from './command-line';
import { RESTORE_USAGE, restoreCommand } from './restore.command';

type Command = (config: AppConfig, args: readonly string[]) => Promise<string>;

/** Verbs of `node dist/apps/auth-server/src/main.js <verb>`; with none, the server runs. */
const COMMANDS: Record<string, Command> = { backup: backupCommand, restore: restoreCommand };
const USAGE = `usage: main.js ${BACKUP_USAGE} | ${RESTORE_USAGE}`;

/** sysexits.h: EX_USAGE for a bad command line, EX_CANTCREAT for a refused backup or restore. */
const EXIT_USAGE = 64;
const EXIT_REFUSED = 73;

export function isCommand(verb: string | undefined): verb is string {
  return verb !== undefined && Object.hasOwn(COMMANDS, verb);
}

/** Runs one command to its end; the one place its failures become an exit code and a line on stderr. */
export async function runCommand(verb: string, args: readonly string[], config: AppConfig): Promise<number> {
  try {
    const done = await COMMANDS[verb](config, args);
    process.stdout.write(`${done}\n`);
    return 0;
  } catch (error) {
    const [code, message] = failureOf(error);
    process.stderr.write(`${verb} failed: ${message}\n`);
    return code;
  }
}

function failureOf(error: unknown): [number, string] {
  if (error instanceof UsageError) return [EXIT_USAGE, `${error.message}\n${USAGE}`];
  if (error instanceof KeyEncryptionSecretError) return [EXIT_CONFIG, `${error.message} Nothing was restored.`];
  if (error instanceof BackupRefusedError) return [EXIT_REFUSED, error.message];
  return [1, error instanceof Error ? (error.stack ?? error.message) : String(error)];
}
