import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/**
 * What a change did, field by field, for the audit event of its route: a handler that knows the values
 * before and after reports them here, and the AuditInterceptor writes them with the event. Values pass
 * through the audit log's redaction like every other detail.
 */
export class AuditChanges {
  readonly changes: Record<string, { before: unknown; after: unknown }> = {};
  readonly details: Record<string, unknown> = {};

  /** Records the field when its value changed; an unchanged field is left out. */
  change(field: string, before: unknown, after: unknown): this {
    if (JSON.stringify(before) !== JSON.stringify(after)) this.changes[field] = { before, after };
    return this;
  }

  note(details: Record<string, unknown>): this {
    Object.assign(this.details, details);
    return this;
  }
}

export type RequestWithChanges = { auditChanges?: AuditChanges };

/** The AuditChanges of this request, created on first use. */
export const Changes = createParamDecorator((_data: unknown, context: ExecutionContext): AuditChanges => {
  const request = context.switchToHttp().getRequest<RequestWithChanges>();
  request.auditChanges ??= new AuditChanges();
  return request.auditChanges;
});

export function changesOf(request: RequestWithChanges): AuditChanges | undefined {
  return request.auditChanges;
}
