import { SetMetadata } from '@nestjs/common';

export const AUDITED = Symbol('AUDITED');

/** How one admin route appears in the audit log. */
export interface AuditedRoute {
  action: string;
  targetType: string;
  /** Route parameter naming the target (`clientId`), or the field of the answer carrying it (for creations). */
  targetParam?: string;
  targetField?: string;
}

/** Marks a changing admin route: when it succeeds, the AuditInterceptor records `action` on its target. */
export const Audited = (route: AuditedRoute) => SetMetadata(AUDITED, route);
