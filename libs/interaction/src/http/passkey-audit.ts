import type { FastifyRequest } from 'fastify';
import type { AuditLog } from '@app/audit';
import type { PasskeyRejected } from '@app/users';

/**
 * A refused passkey in the audit log. A counter that went backwards is its own event: the credential may
 * have been cloned, which an administrator must look at.
 */
export async function auditPasskeyRejection(audit: AuditLog, request: FastifyRequest, error: PasskeyRejected, signedInUserId?: string): Promise<void> {
  const userId = error.userId ?? signedInUserId ?? null;
  await audit.record({
    action: error.reason === 'cloned' ? 'signin.passkey_cloned' : 'signin.passkey_refused',
    actor: userId ? { type: 'person', id: userId } : { type: 'anonymous' },
    target: { type: 'user', id: userId },
    origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
    details: { reason: error.reason, factor_id: error.factorId ?? null, detail: error.detail ?? null },
  });
}
