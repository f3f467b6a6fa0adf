import { randomUUID } from 'node:crypto';

/**
 * A new client identifier. client_id is public (RFC 6749 §2.2), so it needs uniqueness, not secrecy; a UUID
 * is unique, never begins with "-" (which command-line parsers take for an option) and reads well in logs.
 */
export function newClientId(): string {
  return randomUUID();
}
