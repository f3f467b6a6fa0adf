import type { EntityManager } from 'typeorm';
import { Conflict } from '@app/core';
import { ADMIN_ROLE } from './roles';
import type { UserEntity } from './user.entity';

/** True when the change takes an enabled administrator's powers away (role removed, disabled, or deleted). */
export function endsAdministrator(user: Pick<UserEntity, 'roles' | 'disabled'>, change: { roles?: string[]; disabled?: boolean } | 'delete'): boolean {
  if (user.disabled || !user.roles.includes(ADMIN_ROLE)) return false;
  if (change === 'delete') return true;
  return change.disabled === true || (change.roles !== undefined && !change.roles.includes(ADMIN_ROLE));
}

/**
 * Somebody must always be able to administer the server: the last enabled `admin` may not lose the role,
 * be disabled or be deleted. Run inside the transaction that makes the change: the table lock makes two
 * such changes at once (each removing one of the last two admins) take turns, so the second sees the first.
 */
export async function assertAnotherAdministrator(manager: EntityManager, userId: string): Promise<void> {
  await manager.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
  const [{ count }]: Array<{ count: number }> = await manager.query(
    `SELECT count(*)::int AS count FROM users WHERE id <> $1 AND NOT disabled AND $2 = ANY(roles)`,
    [userId, ADMIN_ROLE],
  );
  if (count === 0) throw new Conflict('This is the last enabled administrator: give another person the admin role first');
}
