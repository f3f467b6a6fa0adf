import { ConfigError, PendingMigrationsError, SchemaTooNewError } from '@app/core';

/** sysexits.h EX_CONFIG: the operator must change the configuration or the deployment, a restart will not help. */
export const EXIT_CONFIG = 78;

/** Failures whose message says all an operator needs; a stack trace would only bury it. */
function isRefusal(error: unknown): error is Error {
  return error instanceof PendingMigrationsError;
}

function isOperatorError(error: unknown): error is Error {
  // By name as well: a ConfigError may come from another copy of the module (see loadConfig in main.ts).
  return error instanceof ConfigError || error instanceof SchemaTooNewError || (error instanceof Error && error.name === 'ConfigError');
}

/** The one mapping from a failed start to the process's exit code and the line written to stderr. */
export function describeStartupFailure(error: unknown): { exitCode: number; message: string } {
  if (isOperatorError(error)) return { exitCode: EXIT_CONFIG, message: error.message };
  // Pending migrations clear once the migration Job has run: exit 1 so the orchestrator restarts the pod.
  if (isRefusal(error)) return { exitCode: 1, message: error.message };
  return { exitCode: 1, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
