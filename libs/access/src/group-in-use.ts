import { Conflict } from '@app/core';
import type { GroupUse } from '@app/clients';

/** 409: the group is named by access policies; the answer lists them so the caller can decide (`?force=true`). */
export class GroupInUse extends Conflict {
  constructor(name: string, readonly use: GroupUse) {
    super(`The group ${name} is used by ${describe(use)}; delete with force=true to take it out of them`);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), clients: this.use.clients, apis: this.use.apis };
  }
}

function describe(use: GroupUse): string {
  const parts = [];
  if (use.clients.length > 0) parts.push(`clients ${use.clients.join(', ')}`);
  if (use.apis.length > 0) parts.push(`APIs ${use.apis.join(', ')}`);
  return parts.join(' and ');
}
