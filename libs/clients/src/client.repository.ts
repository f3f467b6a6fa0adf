import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { ClientCache } from './client-cache';
import { ClientEntity } from './client.entity';

export interface ClientPage {
  items: ClientEntity[];
  nextCursor: string | null;
}

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
    if (client) client.clientSecretHash = null;
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

  async updateSecretHash(clientId: string, clientSecretHash: string): Promise<boolean> {
    const result = await this.repository.update({ clientId }, { clientSecretHash });
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
  async list(options: { limit: number; cursor?: string; search?: string }): Promise<ClientPage> {
    const query = this.repository.createQueryBuilder('client').orderBy('client.created_at', 'ASC').addOrderBy('client.client_id', 'ASC');
    if (options.search) {
      query.andWhere('(client.client_id ILIKE :search OR client.client_name ILIKE :search)', {
        search: `%${escapeLike(options.search)}%`,
      });
    }
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    if (after) {
      query.andWhere('(client.created_at, client.client_id) > (:createdAt, :clientId)', after);
    }
    const rows = await query.limit(options.limit + 1).getMany();
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null };
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function encodeCursor(client: ClientEntity): string {
  return Buffer.from(JSON.stringify([client.createdAt.toISOString(), client.clientId])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; clientId: string } | undefined {
  try {
    const [createdAt, clientId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof clientId === 'string' && !Number.isNaN(Date.parse(createdAt))) {
      return { createdAt, clientId };
    }
  } catch {
    // fall through: a malformed cursor is rejected below
  }
  return undefined;
}

export function isValidCursor(cursor: string): boolean {
  return decodeCursor(cursor) !== undefined;
}
