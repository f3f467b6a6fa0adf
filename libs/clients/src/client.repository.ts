import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { escapeLike, KeysetPage, KeysetPagination } from '@app/core';
import { ClientCache } from './client-cache';
import { ClientEntity } from './client.entity';

export type ClientPage = KeysetPage<ClientEntity>;

/** The client_id column is text (an operator may choose the id), so a cursor's id need not be a uuid. */
const pages = new KeysetPagination<ClientEntity>(
  { timeColumn: 'client.created_at', idColumn: 'client.client_id', direction: 'ASC', idsAreUuids: false },
  (client) => ({ time: client.createdAt, id: client.clientId }),
);

/** Storage of client registrations. */
@Injectable()
export class ClientRepository {
  private readonly repository: Repository<ClientEntity>;

  constructor(
    dataSource: DataSource,
    private readonly cache: ClientCache,
  ) {
    this.repository = dataSource.getRepository(ClientEntity);
  }

  /** The registration, from the short-lived cache when it holds it (without the secret hash). */
  async findById(clientId: string): Promise<ClientEntity | null> {
    const client = await this.findWithSecret(clientId);
    if (client) {
      client.clientSecretHash = null;
      client.clientSecretSealed = null;
    }
    return client;
  }

  /** The client with its secret hash, for authentication; served from the short-lived cache. */
  async findWithSecret(clientId: string): Promise<ClientEntity | null> {
    const cached = this.cache.get(clientId);
    if (cached !== undefined) return cached;
    const client = await this.loadWithSecret(clientId);
    this.cache.set(clientId, client);
    return client;
  }

  /** Straight from the database, for changes that must start from the stored state. */
  loadWithSecret(clientId: string): Promise<ClientEntity | null> {
    return this.repository
      .createQueryBuilder('client')
      .addSelect('client.clientSecretHash')
      .addSelect('client.clientSecretSealed')
      .where('client.client_id = :clientId', { clientId })
      .getOne();
  }

  async insert(client: ClientEntity): Promise<ClientEntity> {
    await this.repository.insert(client);
    this.cache.delete(client.clientId);
    return (await this.findById(client.clientId))!;
  }

  async save(client: ClientEntity): Promise<ClientEntity> {
    await this.repository.save(client);
    this.cache.delete(client.clientId);
    return (await this.findById(client.clientId))!;
  }

  async updateSecretHash(clientId: string, clientSecretHash: string, clientSecretSealed: string | null = null): Promise<boolean> {
    const result = await this.repository.update({ clientId }, { clientSecretHash, clientSecretSealed });
    this.cache.delete(clientId);
    return (result.affected ?? 0) > 0;
  }

  async delete(clientId: string): Promise<boolean> {
    const result = await this.repository.delete({ clientId });
    this.cache.delete(clientId);
    return (result.affected ?? 0) > 0;
  }

  async exists(clientId: string): Promise<boolean> {
    return (await this.repository.count({ where: { clientId } })) > 0;
  }

  /** Keyset pagination ordered by creation, filtered by a case-insensitive search on id and name. */
  /** `owner`: only the clients whose `owners` lists this person. */
  async list(options: { limit: number; cursor?: string; search?: string; owner?: string }): Promise<ClientPage> {
    const query = this.repository.createQueryBuilder('client');
    if (options.owner !== undefined) query.andWhere(':owner = ANY(client.owners)', { owner: options.owner });
    if (options.search) {
      query.andWhere('(client.client_id ILIKE :search OR client.client_name ILIKE :search)', {
        search: `%${escapeLike(options.search)}%`,
      });
    }
    return pages.readPage(query, options.limit, options.cursor ? pages.decode(options.cursor) : undefined);
  }

  /** The clients holding at least one of `scopes`, in creation order. */
  async listHolding(options: { scopes: readonly string[]; limit: number; cursor?: string }): Promise<ClientPage> {
    if (options.scopes.length === 0) return { items: [], nextCursor: null };
    const query = this.repository.createQueryBuilder('client').where('client.scopes && ARRAY[:...scopes]::text[]', { scopes: options.scopes });
    return pages.readPage(query, options.limit, options.cursor ? pages.decode(options.cursor) : undefined);
  }
}

export function isValidCursor(cursor: string): boolean {
  return pages.isValidCursor(cursor);
}
