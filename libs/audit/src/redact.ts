/** Names whose values never reach the audit log, whatever the caller passes. */
const SECRET_NAME = /secret|password|passphrase|token|code_verifier|^code$|assertion|credential|authorization|cookie/i;
const MAX_DEPTH = 4;
const MAX_STRING = 500;
const MAX_ITEMS = 50;

/** A copy of `details` without secret-looking fields, with long strings and lists cut short. */
export function redactDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  return (clean(details ?? {}, 0) as Record<string, unknown>) ?? {};
}

function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => clean(item, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_NAME.test(name)) continue;
      const cleaned = clean(field, depth + 1);
      if (cleaned !== undefined) out[name] = cleaned;
    }
    return out;
  }
  return undefined;
}

const MAX_USER_AGENT = 300;

export function truncateUserAgent(userAgent: string | undefined | null): string | null {
  if (!userAgent) return null;
  return userAgent.length > MAX_USER_AGENT ? userAgent.slice(0, MAX_USER_AGENT) : userAgent;
}
