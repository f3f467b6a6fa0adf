import { Injectable } from '@nestjs/common';
import { AuditLog } from '@app/audit';
import type { ScimRequest } from './scim-auth.guard';

/**
 * Provisioning changes in the audit log under the admin API's action names (`user.created`,
 * `group.member_added`...), with `via: "scim"`; the actor is the provisioning client.
 */
@Injectable()
export class ScimAudit {
  constructor(private readonly audit: AuditLog) {}

  record(request: ScimRequest, action: string, target: { type: 'user' | 'group'; id: string }, details: Record<string, unknown> = {}): Promise<void> {
    return this.audit.record({
      action,
      actor: { type: 'client', id: request.scimClientId ?? null },
      target,
      origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
      details: { via: 'scim', ...details },
    });
  }
}

/** Before/after of the fields that changed, for an audit event's `changes`. */
export function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { before: before[key] ?? null, after: after[key] ?? null };
  }
  return changes;
}
