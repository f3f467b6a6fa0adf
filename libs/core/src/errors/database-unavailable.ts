import { isDiskFull } from './disk-full';

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
// PostgreSQL SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown),
// plus 57014 (statement timeout / query canceled).
const UNAVAILABLE_SQLSTATE = /^(08|57P|57014|53300)/;

/**
 * True when an error means the database cannot be reached, is shutting down or has no disk space left
 * (answer 503, not 500: the request was fine and can be retried once the operator has acted).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isDiskFull(error)) return true;
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string') {
      if (CONNECTION_ERROR_CODES.has(candidate.code) || UNAVAILABLE_SQLSTATE.test(candidate.code)) return true;
    }
    if (typeof candidate.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|terminating connection|is not currently accepting connections|Connection refused/i.test(candidate.message)) {
      return true;
    }
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}
