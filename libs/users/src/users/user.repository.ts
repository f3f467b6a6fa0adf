import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isUuid, KeysetPage, KeysetPagination } from '@app/core';
import { UserEntity } from './user.entity';

export type UserPage = KeysetPage<UserEntity>;

export interface PersonStanding {
  enabled: boolean;
  sessionLive: boolean;
}

const pages = new KeysetPagination<UserEntity>(
  { timeColumn: 'user.created_at', idColumn: 'user.id', direction: 'ASC', idsAreUuids: true },
  (user) => ({ time: user.createdAt, id: user.id }),
);

/** Storage of people. */
@Injectable()
export class UserRepository {
  private readonly repository: Repository<UserEntity>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(UserEntity);
  }

  /** Read through `manager` when the caller is inside a transaction. */
  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return (manager ? manager.getRepository(UserEntity) : this.repository).findOne({ where: { id } });
  }

  /**
   * Whether the person may still hold a grant, and whether its sign-in session is still live (false
   * without one): one read for the refresh grant, so a session that ended or expired before housekeeping
   * noticed ends the grant too.
   */
  async standing(id: string, sessionId: string | null, manager: EntityManager): Promise<PersonStanding | undefined> {
    if (!isUuid(id) || (sessionId !== null && !isUuid(sessionId))) return undefined;
    const rows: Array<{ disabled: boolean; session_live: boolean }> = await manager.query(
      `SELECT u.disabled,
              EXISTS (SELECT 1 FROM sso_sessions s WHERE s.id = $2 AND s.user_id = u.id AND s.ended_at IS NULL AND s.expires_at > now()) AS session_live
         FROM users u WHERE u.id = $1`,
      [id, sessionId],
    );
    return rows[0] && { enabled: !rows[0].disabled, sessionLive: rows[0].session_live };
  }

  /** The person with their password hash, by username in any case; for sign-in only. */
  findForLogin(username: string): Promise<UserEntity | null> {
    return this.repository
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
  }

  /**
   * The enabled people whose verified address this is, in any case: at most two are read, since a reset
   * mail goes only to an address that names one person.
   */
  withVerifiedEmail(email: string): Promise<UserEntity[]> {
    return this.repository
      .createQueryBuilder('user')
      .where('lower(user.email) = lower(:email) AND user.email_verified AND NOT user.disabled', { email })
      .limit(2)
      .getMany();
  }

  /** The person with their password hash, by id; for checking the current password before a change. */
  findWithPasswordHash(id: string): Promise<UserEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.repository.createQueryBuilder('user').addSelect('user.passwordHash').where('user.id = :id', { id }).getOne();
  }

  /** The people holding at least one of these roles. */
  withAnyRole(roles: readonly string[]): Promise<UserEntity[]> {
    return this.repository.createQueryBuilder('user').where('user.roles && :roles', { roles: [...roles] }).orderBy('user.username').getMany();
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return Promise.resolve([]);
    return this.repository.createQueryBuilder('user').where('user.id IN (:...ids)', { ids: valid }).getMany();
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.repository.createQueryBuilder('user').where('lower(user.username) = lower(:username)', { username }).getOne();
  }

  async usernameTaken(username: string, exceptId?: string, manager?: EntityManager): Promise<boolean> {
    const query = (manager ? manager.getRepository(UserEntity) : this.repository).createQueryBuilder('user').where('lower(user.username) = lower(:username)', { username });
    if (exceptId) query.andWhere('user.id <> :exceptId', { exceptId });
    return (await query.getCount()) > 0;
  }

  async insert(user: Partial<UserEntity>, manager?: EntityManager): Promise<UserEntity> {
    const result = await (manager ? manager.getRepository(UserEntity) : this.repository).insert(user);
    return (await this.findById(String(result.identifiers[0].id), manager))!;
  }

  async update(id: string, changes: Partial<UserEntity>, manager?: EntityManager): Promise<void> {
    await (manager ? manager.getRepository(UserEntity) : this.repository).update({ id }, changes);
  }

  async delete(id: string, manager?: EntityManager): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await (manager ? manager.getRepository(UserEntity) : this.repository).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  async count(): Promise<number> {
    return this.repository.count();
  }

  /** Keyset pagination ordered by creation, with a case-insensitive search on username, email and name. */
  async list(options: { limit: number; cursor?: string; search?: string }): Promise<UserPage> {
    const query = this.repository.createQueryBuilder('user');
    if (options.search) {
      query.andWhere('(user.username ILIKE :search OR user.email ILIKE :search OR user.name ILIKE :search)', {
        search: `%${options.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`,
      });
    }
    return pages.readPage(query, options.limit, options.cursor ? pages.decode(options.cursor) : undefined);
  }
}

export function isValidUserCursor(cursor: string): boolean {
  return pages.isValidCursor(cursor);
}
