import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ChangeFeed, ExpiringCache, KeysetPagination } from '@app/core';
import { ApiEntity } from './api.entity';

const API_CHANGED = 'api_changed';
/** Short enough that a missed change notification heals quickly. */
const CACHE_TTL_MS = 30_000;

const pages = new KeysetPagination<ApiEntity>(
  { timeColumn: 'api.created_at', idColumn: 'api.id', direction: 'ASC', idsAreUuids: true },
  (api) => ({ time: api.createdAt, id: api.id }),
);

/**
 * Storage of registered APIs (resource servers). Lookups by identifier, made on every token request with a
 * `resource`, are cached briefly and dropped on any change, on this instance or another.
 */
@Injectable()
export class ApiRepository {
  private readonly repository: Repository<ApiEntity>;
  private readonly byIdentifier = new ExpiringCache<ApiEntity | null>(CACHE_TTL_MS);

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

  /** The API of `identifier` (cached); read through `manager` when the caller is inside a transaction. */
  async findByIdentifier(identifier: string, manager?: EntityManager): Promise<ApiEntity | null> {
    const cached = this.byIdentifier.get(identifier);
    if (cached !== undefined) return cached;
    const repository = manager ? manager.getRepository(ApiEntity) : this.repository;
    const api = await repository.findOne({ where: { identifier } });
    this.byIdentifier.set(identifier, api);
    return api;
  }

  findByClientId(clientId: string): Promise<ApiEntity | null> {
    return this.repository.findOne({ where: { clientId } });
  }

  /** Those of `names` that some registered API defines. */
  async definedScopes(names: readonly string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const rows: Array<{ name: string }> = await this.dataSource.query(
      `SELECT DISTINCT scope->>'name' AS name FROM apis, jsonb_array_elements(apis.scopes) AS scope WHERE scope->>'name' = ANY($1::text[])`,
      [names],
    );
    return new Set(rows.map((row) => row.name));
  }

  /** The descriptions registered APIs give those of `names` they define (the first non-empty one per scope). */
  async scopeDescriptions(names: readonly string[]): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    const rows: Array<{ name: string; description: string }> = await this.dataSource.query(
      `SELECT scope->>'name' AS name, scope->>'description' AS description
         FROM apis, jsonb_array_elements(apis.scopes) AS scope
        WHERE scope->>'name' = ANY($1::text[]) AND coalesce(scope->>'description', '') <> ''
        ORDER BY apis.created_at, apis.id`,
      [names],
    );
    const descriptions = new Map<string, string>();
    for (const row of rows) if (!descriptions.has(row.name)) descriptions.set(row.name, row.description);
    return descriptions;
  }

  /** RFC 8693: whether any API lets this client exchange tokens toward it. */
  async anyAllowsTokenExchange(clientId: string): Promise<boolean> {
    return (await this.repository.createQueryBuilder('api').where(':clientId = ANY(api.token_exchange_allowed_clients)', { clientId }).getCount()) > 0;
  }

  async save(api: ApiEntity): Promise<ApiEntity> {
    const saved = await this.repository.save(api);
    this.apiChanged(api.identifier);
    return saved;
  }

  /** `owner`: only the APIs whose `owners` lists this person. */
  async list(options: { limit: number; cursor?: string; search?: string; owner?: string }): Promise<{ items: ApiEntity[]; nextCursor: string | null }> {
    const query = this.repository.createQueryBuilder('api');
    if (options.owner !== undefined) query.andWhere(':owner = ANY(api.owners)', { owner: options.owner });
    if (options.search) {
      query.andWhere('(api.identifier ILIKE :search OR api.name ILIKE :search)', { search: `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    return pages.readPage(query, options.limit, options.cursor ? pages.decode(options.cursor) : undefined);
  }
}

export function decodeApiCursor(cursor: string): { createdAt: string; id: string } | undefined {
  const position = pages.decode(cursor);
  return position && { createdAt: position.time, id: position.id };
}
