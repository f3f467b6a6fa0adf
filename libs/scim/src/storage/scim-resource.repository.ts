import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '@app/core';

/** A person as the SCIM service reads them: their columns and what provisioning stored beside them. */
export interface ScimUserRow {
  id: string;
  username: string;
  email: string | null;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  disabled: boolean;
  roles: string[];
  created_at: Date;
  updated_at: Date;
  external_id: string | null;
  attributes: Record<string, unknown> | null;
  scim_updated_at: Date | null;
}

export interface ScimGroupRow {
  id: string;
  name: string;
  created_at: Date;
  updated_at: Date;
  external_id: string | null;
  display_name: string | null;
  attributes: Record<string, unknown> | null;
  scim_updated_at: Date | null;
}

export interface ScimExtra {
  externalId: string | null;
  displayName?: string | null;
  attributes: Record<string, unknown>;
}

type Kind = 'user' | 'group';

const SELECT: Record<Kind, string> = {
  user: `SELECT r.id, r.username, r.email, r.name, r.given_name, r.family_name, r.disabled, r.roles, r.created_at, r.updated_at,
           s.external_id, s.attributes, s.updated_at AS scim_updated_at
         FROM users r LEFT JOIN scim_resources s ON s.user_id = r.id`,
  group: `SELECT r.id, r.name, r.created_at, r.updated_at, s.external_id, s.display_name, s.attributes, s.updated_at AS scim_updated_at
          FROM groups r LEFT JOIN scim_resources s ON s.group_id = r.id`,
};

/**
 * People and groups joined with their `scim_resources` row. `where` conditions use `r.` for the person or
 * group and `s.` for the SCIM row, with $n parameters (see filter-sql.ts); lists keep creation order so
 * startIndex pages are stable.
 */
@Injectable()
export class ScimResourceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find<K extends Kind>(kind: K, id: string, manager?: EntityManager): Promise<RowOf<K> | undefined> {
    if (!isUuid(id)) return undefined;
    const rows: Array<RowOf<K>> = await (manager ?? this.dataSource).query(`${SELECT[kind]} WHERE r.id = $1`, [id]);
    return rows[0];
  }

  async list<K extends Kind>(kind: K, where: string | undefined, params: unknown[], limit: number, offset: number): Promise<Array<RowOf<K>>> {
    const bound = [...params, limit, offset];
    return this.dataSource.query(
      `${SELECT[kind]} ${where ? `WHERE ${where}` : ''} ORDER BY r.created_at, r.id LIMIT $${bound.length - 1} OFFSET $${bound.length}`,
      bound,
    );
  }

  async count(kind: Kind, where: string | undefined, params: unknown[]): Promise<number> {
    const [row]: Array<{ count: string }> = await this.dataSource.query(`SELECT count(*) AS count FROM (${SELECT[kind]} ${where ? `WHERE ${where}` : ''}) counted`, params);
    return Number(row.count);
  }

  /** Stores what provisioning sent beside the person or group (their columns are written by their own services). */
  async save(kind: Kind, id: string, extra: ScimExtra, manager?: EntityManager): Promise<void> {
    const column = kind === 'user' ? 'user_id' : 'group_id';
    await (manager ?? this.dataSource).query(
      `INSERT INTO scim_resources (${column}, external_id, display_name, attributes) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (${column}) DO UPDATE SET external_id = EXCLUDED.external_id, display_name = EXCLUDED.display_name,
         attributes = EXCLUDED.attributes, updated_at = now()`,
      [id, extra.externalId, extra.displayName ?? null, JSON.stringify(extra.attributes)],
    );
  }

  /** Marks the resource changed now (a membership change, which no column of the group records). */
  async touch(kind: Kind, id: string): Promise<void> {
    const column = kind === 'user' ? 'user_id' : 'group_id';
    await this.dataSource.query(
      `INSERT INTO scim_resources (${column}) VALUES ($1) ON CONFLICT (${column}) DO UPDATE SET updated_at = now()`,
      [id],
    );
  }
}

type RowOf<K extends Kind> = K extends 'user' ? ScimUserRow : ScimGroupRow;
