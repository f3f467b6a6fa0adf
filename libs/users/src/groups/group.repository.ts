import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuthLevel, escapeLike, isUuid, KeysetPage, KeysetPagination } from '@app/core';
import { GroupEntity } from './group.entity';
import type { GroupMemberRow, GroupPersonRow, PersonGroupRow } from './group-rows';

export type GroupPage = KeysetPage<GroupEntity>;

/** At most this many people are listed as "who can sign in"; a policy that large is read from the groups. */
export const MAX_LISTED_PEOPLE = 1000;

const pages = new KeysetPagination<GroupEntity>(
  { timeColumn: 'grp.created_at', idColumn: 'grp.id', direction: 'ASC', idsAreUuids: true },
  (group) => ({ time: group.createdAt, id: group.id }),
);

/**
 * Storage of groups and memberships. A person is in a group when put there directly, or when put in a
 * group inside it, at any depth: the recursive queries below walk `group_subgroups` upwards (a person's
 * groups) or downwards (a group's people). UNION (not UNION ALL) keeps them finite even on a cycle.
 */
/** `up`: every group person $1 is in, directly or through groups inside groups. */
const GROUPS_OF_PERSON = `WITH RECURSIVE up(id) AS (
         SELECT group_id FROM group_members WHERE user_id = $1
         UNION
         SELECT s.parent_id FROM group_subgroups s JOIN up ON s.child_id = up.id
       )`;

@Injectable()
export class GroupRepository {
  private readonly repository: Repository<GroupEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repository = dataSource.getRepository(GroupEntity);
  }

  private repo(manager?: EntityManager): Repository<GroupEntity> {
    return manager ? manager.getRepository(GroupEntity) : this.repository;
  }

  findById(id: string, manager?: EntityManager): Promise<GroupEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.repo(manager).findOne({ where: { id } });
  }

  /** The groups with these names, whatever their case. */
  async findByNames(names: readonly string[], manager?: EntityManager): Promise<GroupEntity[]> {
    if (names.length === 0) return [];
    return this.repo(manager)
      .createQueryBuilder('grp')
      .where('lower(grp.name) IN (:...names)', { names: names.map((name) => name.toLowerCase()) })
      .getMany();
  }

  async insert(group: Pick<GroupEntity, 'name' | 'description' | 'requireMfa' | 'requirePhishingResistant'>, manager?: EntityManager): Promise<GroupEntity> {
    const result = await this.repo(manager).insert(group);
    return (await this.findById(String(result.identifiers[0].id), manager))!;
  }

  async update(id: string, changes: Partial<Pick<GroupEntity, 'name' | 'description' | 'requireMfa' | 'requirePhishingResistant'>>, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, changes);
  }

  async delete(id: string, manager?: EntityManager): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.repo(manager).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  async list(options: { limit: number; cursor?: string; search?: string }): Promise<GroupPage> {
    const query = this.repository.createQueryBuilder('grp');
    if (options.search) {
      query.andWhere('(grp.name ILIKE :search OR grp.description ILIKE :search)', { search: `%${escapeLike(options.search)}%` });
    }
    return pages.readPage(query, options.limit, options.cursor ? pages.decode(options.cursor) : undefined);
  }

  /**
   * Puts a person in a group; false when they already were. An administrator's membership has no source,
   * and making one where a directory put the person makes it theirs; one made for a `source` (SCIM) keeps any existing owner.
   */
  async addPerson(groupId: string, userId: string, { manager, source }: { manager?: EntityManager; source?: string } = {}): Promise<boolean> {
    const onConflict = source === undefined ? 'DO UPDATE SET source = NULL WHERE m.source IS NOT NULL' : 'DO NOTHING';
    const rows: Array<{ inserted: boolean }> = await (manager ?? this.dataSource).query(
      `INSERT INTO group_members AS m (group_id, user_id, source) VALUES ($1, $2, $3)
       ON CONFLICT (group_id, user_id) ${onConflict} RETURNING (xmax = 0) AS inserted`,
      [groupId, userId, source ?? null],
    );
    return rows.some((row) => row.inserted);
  }

  /**
   * Makes the memberships `source` manages for this person exactly `groupIds`: ones it no longer names go,
   * new ones come; a membership an administrator made (no source) is neither taken over nor removed.
   */
  async syncSourced(userId: string, source: string, groupIds: readonly string[], manager?: EntityManager): Promise<{ added: number; removed: number }> {
    const runner = manager ?? this.dataSource;
    const [, removed]: [unknown[], number] = await runner.query(
      `DELETE FROM group_members WHERE user_id = $1 AND source = $2 AND NOT (group_id = ANY($3::uuid[]))`,
      [userId, source, groupIds],
    );
    const added: unknown[] = await runner.query(
      `INSERT INTO group_members (group_id, user_id, source) SELECT unnest($3::uuid[]), $1, $2
       ON CONFLICT (group_id, user_id) DO NOTHING RETURNING group_id`,
      [userId, source, groupIds],
    );
    return { added: added.length, removed };
  }

  /** A directory removed: the memberships it managed go with it. */
  async removeSourced(source: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource).query(`DELETE FROM group_members WHERE source = $1`, [source]);
  }

  async removePerson(groupId: string, userId: string): Promise<boolean> {
    // TypeORM answers a DELETE with [rows, affected].
    const [, affected]: [unknown[], number] = await this.dataSource.query(`DELETE FROM group_members WHERE group_id = $1 AND user_id = $2`, [groupId, userId]);
    return affected > 0;
  }

  /** Puts a group inside another; false when it already was. The caller has ruled out a cycle. */
  async addSubgroup(parentId: string, childId: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO group_subgroups (parent_id, child_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING parent_id`,
      [parentId, childId],
    );
    return rows.length > 0;
  }

  async removeSubgroup(parentId: string, childId: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.dataSource.query(`DELETE FROM group_subgroups WHERE parent_id = $1 AND child_id = $2`, [parentId, childId]);
    return affected > 0;
  }

  /** True when `ancestorId` is `groupId` or contains it, at any depth. */
  async contains(ancestorId: string, groupId: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH RECURSIVE up(id) AS (
         SELECT $2::uuid
         UNION
         SELECT s.parent_id FROM group_subgroups s JOIN up ON s.child_id = up.id
       )
       SELECT 1 FROM up WHERE id = $1::uuid LIMIT 1`,
      [ancestorId, groupId],
    );
    return rows.length > 0;
  }

  /** The people and groups put directly in a group. */
  async directMembers(groupId: string): Promise<GroupMemberRow[]> {
    return (await this.directMembersOf([groupId])).get(groupId.toLowerCase()) ?? [];
  }

  /**
   * directMembers of each group in one read (a page of groups), in the same order per group. Keyed by
   * lower-case id, as Postgres writes uuids; a group with no members maps to [].
   */
  async directMembersOf(groupIds: readonly string[]): Promise<Map<string, GroupMemberRow[]>> {
    const members = new Map(groupIds.map((id): [string, GroupMemberRow[]] => [id.toLowerCase(), []]));
    if (groupIds.length === 0) return members;
    const rows: Array<{ parent: string; type: 'user' | 'group'; id: string; name: string | null; username: string | null }> = await this.dataSource.query(
      `SELECT m.group_id AS parent, 'user' AS type, u.id, u.name, u.username FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = ANY($1::uuid[])
       UNION ALL
       SELECT s.parent_id, 'group', g.id, g.name, NULL FROM group_subgroups s JOIN groups g ON g.id = s.child_id WHERE s.parent_id = ANY($1::uuid[])
       ORDER BY parent, type DESC, username, name`,
      [groupIds],
    );
    for (const row of rows) {
      members.get(row.parent)?.push(row.type === 'user' ? { type: 'user', id: row.id, name: row.name, username: row.username ?? '' } : { type: 'group', id: row.id, name: row.name });
    }
    return members;
  }

  /** Every group the person is in, directly or through groups inside groups. */
  async groupsOfPerson(userId: string, manager?: EntityManager): Promise<PersonGroupRow[]> {
    if (!isUuid(userId)) return [];
    const rows: Array<{ id: string; via_id: string; via_name: string }> = await (manager ?? this.dataSource).query(
      `WITH RECURSIVE up(id, via) AS (
         SELECT group_id, group_id FROM group_members WHERE user_id = $1
         UNION
         SELECT s.parent_id, up.via FROM group_subgroups s JOIN up ON s.child_id = up.id
       )
       SELECT up.id, up.via AS via_id, v.name AS via_name FROM up JOIN groups v ON v.id = up.via`,
      [userId],
    );
    const ids = [...new Set(rows.map((row) => row.id))];
    const groups = ids.length === 0 ? [] : await this.repo(manager).createQueryBuilder('grp').where('grp.id IN (:...ids)', { ids }).orderBy('grp.name').getMany();
    return groups.map((group) => {
      const reaching = rows.filter((row) => row.id === group.id);
      return {
        group,
        direct: reaching.some((row) => row.via_id === group.id),
        via: [...new Set(reaching.filter((row) => row.via_id !== group.id).map((row) => row.via_name))].sort(),
      };
    });
  }

  /** The strongest authentication any group of the person requires, walking up through every enclosing group. */
  async requiredLevelOf(userId: string, manager?: EntityManager): Promise<AuthLevel> {
    if (!isUuid(userId)) return 'pwd';
    const [row]: Array<{ phr: boolean | null; mfa: boolean | null }> = await (manager ?? this.dataSource).query(
      `${GROUPS_OF_PERSON}
       SELECT bool_or(g.require_phishing_resistant) AS phr, bool_or(g.require_mfa) AS mfa FROM up JOIN groups g ON g.id = up.id`,
      [userId],
    );
    if (row?.phr) return 'phr';
    return row?.mfa ? 'mfa' : 'pwd';
  }

  /** The names of every group the person is in, sorted: what the `groups` claim is made from. */
  async groupNamesOfPerson(userId: string, manager?: EntityManager): Promise<string[]> {
    if (!isUuid(userId)) return [];
    const rows: Array<{ name: string }> = await (manager ?? this.dataSource).query(
      `${GROUPS_OF_PERSON}
       SELECT g.name FROM up JOIN groups g ON g.id = up.id ORDER BY g.name`,
      [userId],
    );
    return rows.map((row) => row.name);
  }

  /** The people in any of these groups (by name), directly or through subgroups, with the groups that admit them. */
  async peopleInGroups(names: readonly string[]): Promise<GroupPersonRow[]> {
    if (names.length === 0) return [];
    const rows: Array<{ id: string; username: string; name: string | null; via: string[] }> = await this.dataSource.query(
      `WITH RECURSIVE down(id, root) AS (
         SELECT id, name FROM groups WHERE name = ANY($1::text[])
         UNION
         SELECT s.child_id, down.root FROM group_subgroups s JOIN down ON s.parent_id = down.id
       )
       SELECT u.id, u.username, u.name, array_agg(DISTINCT down.root) AS via
       FROM down JOIN group_members m ON m.group_id = down.id JOIN users u ON u.id = m.user_id
       GROUP BY u.id, u.username, u.name ORDER BY u.username LIMIT $2`,
      [names, MAX_LISTED_PEOPLE],
    );
    return rows.map((row) => ({ ...row, via: [...row.via].sort() }));
  }
}

export function isValidGroupCursor(cursor: string): boolean {
  return pages.isValidCursor(cursor);
}
