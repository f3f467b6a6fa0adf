import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ApiEntity } from './api.entity';

/** Storage of registered APIs (resource servers). */
@Injectable()
export class ApiRepository {
  private readonly repository: Repository<ApiEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repository = dataSource.getRepository(ApiEntity);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(id: string): Promise<ApiEntity | null> {
    return this.repository.findOne({ where: { id } });
  }

  findByIdentifier(identifier: string): Promise<ApiEntity | null> {
    return this.repository.findOne({ where: { identifier } });
  }

  findByClientId(clientId: string): Promise<ApiEntity | null> {
    return this.repository.findOne({ where: { clientId } });
  }

  async save(api: ApiEntity): Promise<ApiEntity> {
    return this.repository.save(api);
  }

  async list(options: { limit: number; cursor?: string; search?: string }): Promise<{ items: ApiEntity[]; nextCursor: string | null }> {
    const query = this.repository.createQueryBuilder('api').orderBy('api.created_at', 'ASC').addOrderBy('api.id', 'ASC');
    if (options.search) {
      query.andWhere('(api.identifier ILIKE :search OR api.name ILIKE :search)', { search: `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    const after = options.cursor ? decodeApiCursor(options.cursor) : undefined;
    if (after) query.andWhere('(api.created_at, api.id) > (:createdAt, :id)', after);
    const rows = await query.limit(options.limit + 1).getMany();
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > options.limit && last ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url') : null;
    return { items, nextCursor };
  }
}

export function decodeApiCursor(cursor: string): { createdAt: string; id: string } | undefined {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (typeof createdAt === 'string' && typeof id === 'string' && uuid.test(id) && !Number.isNaN(Date.parse(createdAt))) return { createdAt, id };
  } catch {
    // malformed
  }
  return undefined;
}
