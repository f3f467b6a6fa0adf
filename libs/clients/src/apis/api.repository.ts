import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ChangeFeed } from '@app/core';
import { ApiEntity } from './api.entity';

const API_CHANGED = 'api_changed';
/** Short enough that a missed change notification heals quickly. */
const CACHE_TTL_MS = 30_000;

/**
 * Storage of registered APIs (resource servers). Lookups by identifier, made on every token request with a
 * `resource`, are cached briefly and dropped on any change, on this instance or another.
 */
@Injectable()
export class ApiRepository {
  private readonly repository: Repository<ApiEntity>;
  private readonly byIdentifier = new Map<string, { api: ApiEntity | null; expiresAt: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
  ) {
    this.repository = dataSource.getRepository(ApiEntity);
    feed.subscribe(API_CHANGED, (identifier) => this.byIdentifier.delete(identifier));
    feed.onReset(() => this.byIdentifier.clear());
  }

  /** Drops an API from every instance's cache. */
  apiChanged(identifier: string): void {
    void this.feed.publish(API_CHANGED, identifier).catch(() => undefined);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(id: string): Promise<ApiEntity | null> {
    return this.repository.findOne({ where: { id } });
  }

  async findByIdentifier(identifier: string): Promise<ApiEntity | null> {
    const cached = this.byIdentifier.get(identifier);
    if (cached && cached.expiresAt > Date.now()) return cached.api;
    const api = await this.repository.findOne({ where: { identifier } });
    if (this.byIdentifier.size > 10_000) this.byIdentifier.clear();
    this.byIdentifier.set(identifier, { api, expiresAt: Date.now() + CACHE_TTL_MS });
    return api;
  }

  findByClientId(clientId: string): Promise<ApiEntity | null> {
    return this.repository.findOne({ where: { clientId } });
  }

  async save(api: ApiEntity): Promise<ApiEntity> {
    const saved = await this.repository.save(api);
    this.apiChanged(api.identifier);
    return saved;
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
