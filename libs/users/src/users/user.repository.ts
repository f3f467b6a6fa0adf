import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { UserEntity } from './user.entity';

export interface UserPage {
  items: UserEntity[];
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a syntactically valid uuid: other ids cannot name a user and must not reach a uuid column. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Storage of people. */
@Injectable()
export class UserRepository {
  private readonly repository: Repository<UserEntity>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(UserEntity);
  }

  findById(id: string): Promise<UserEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.repository.findOne({ where: { id } });
  }

  /** The person with their password hash, by username in any case; for sign-in only. */
  findForLogin(username: string): Promise<UserEntity | null> {
    return this.repository
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
  }

  async usernameTaken(username: string, exceptId?: string): Promise<boolean> {
    const query = this.repository.createQueryBuilder('user').where('lower(user.username) = lower(:username)', { username });
    if (exceptId) query.andWhere('user.id <> :exceptId', { exceptId });
    return (await query.getCount()) > 0;
  }

  async insert(user: Partial<UserEntity>): Promise<UserEntity> {
    const result = await this.repository.insert(user);
    return (await this.findById(String(result.identifiers[0].id)))!;
  }

  async update(id: string, changes: Partial<UserEntity>): Promise<void> {
    await this.repository.update({ id }, changes);
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.repository.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  async count(): Promise<number> {
    return this.repository.count();
  }

  /** Keyset pagination ordered by creation, with a case-insensitive search on username, email and name. */
  async list(options: { limit: number; cursor?: string; search?: string }): Promise<UserPage> {
    const query = this.repository.createQueryBuilder('user').orderBy('user.created_at', 'ASC').addOrderBy('user.id', 'ASC');
    if (options.search) {
      query.andWhere('(user.username ILIKE :search OR user.email ILIKE :search OR user.name ILIKE :search)', {
        search: `%${options.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`,
      });
    }
    const after = options.cursor ? decodeUserCursor(options.cursor) : undefined;
    if (after) query.andWhere('(user.created_at, user.id) > (:createdAt, :id)', after);
    const rows = await query.limit(options.limit + 1).getMany();
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > options.limit && last
      ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url')
      : null;
    return { items, nextCursor };
  }
}

export function decodeUserCursor(cursor: string): { createdAt: string; id: string } | undefined {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string' && isUuid(id) && !Number.isNaN(Date.parse(createdAt))) {
      return { createdAt, id };
    }
  } catch {
    // a malformed cursor is reported by the caller
  }
  return undefined;
}

export function isValidUserCursor(cursor: string): boolean {
  return decodeUserCursor(cursor) !== undefined;
}
