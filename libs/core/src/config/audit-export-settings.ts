import { ConfigError } from './config-error';
import type { EnvReader } from './env-reader';

/** Shortest AUDIT_WEBHOOK_SECRET accepted: the receiver trusts every event whose signature it checks. */
export const AUDIT_WEBHOOK_SECRET_MIN_LENGTH = 32;

/** Where audit events go besides the database, and how long the database keeps them. */
export interface AuditExportSettings {
  /** AUDIT_WEBHOOK_URL: every event is POSTed here at least once, in batches, signed (docs/audit-events.md). */
  readonly webhookUrl: string | undefined;
  /** AUDIT_WEBHOOK_SECRET: the HMAC-SHA256 key of the `Meridian-Signature` header; required with the URL. */
  readonly webhookSecret: string | undefined;
  /** AUDIT_WEBHOOK_TIMEOUT_MS: how long one POST may take before it counts as failed. */
  readonly webhookTimeoutMs: number;
  /** AUDIT_STDOUT: every event is also written to standard output as one JSON line, for log shippers. */
  readonly stdout: boolean;
  /**
   * AUDIT_RETENTION_DAYS: events older than this are purged, except those a sink has not taken yet (a
   * webhook that is down keeps its backlog rather than lose it).
   */
  readonly retentionDays: number;
}

export function readAuditExportSettings(read: EnvReader): AuditExportSettings {
  const webhookUrl = read.optionalString('AUDIT_WEBHOOK_URL');
  const webhookSecret = read.optionalString('AUDIT_WEBHOOK_SECRET');
  if (webhookUrl !== undefined) {
    let protocol = '';
    try {
      protocol = new URL(webhookUrl).protocol;
    } catch {
      throw new ConfigError('AUDIT_WEBHOOK_URL', `must be an absolute http or https URL, got "${webhookUrl}"`);
    }
    if (protocol !== 'http:' && protocol !== 'https:') throw new ConfigError('AUDIT_WEBHOOK_URL', 'must use http or https');
    if (webhookSecret === undefined) throw new ConfigError('AUDIT_WEBHOOK_SECRET', 'must be set with AUDIT_WEBHOOK_URL: every delivery is signed');
  }
  if (webhookSecret !== undefined && webhookSecret.length < AUDIT_WEBHOOK_SECRET_MIN_LENGTH) {
    throw new ConfigError('AUDIT_WEBHOOK_SECRET', `must be at least ${AUDIT_WEBHOOK_SECRET_MIN_LENGTH} characters long`);
  }
  return {
    webhookUrl,
    webhookSecret,
    webhookTimeoutMs: read.integer('AUDIT_WEBHOOK_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
    stdout: read.oneOf('AUDIT_STDOUT', ['true', 'false'], 'false') === 'true',
    retentionDays: read.integer('AUDIT_RETENTION_DAYS', 365, { min: 1, max: 36_500 }),
  };
}
