import { groupNameProblem } from '@app/core';
import type { GroupMemberRow } from '@app/users';
import { ScimError } from '../http/scim-error';
import { latest, withMeta } from '../http/resource-meta';
import { isObject } from '../schema/attribute-path';
import { GROUP_SCHEMA } from '../schema/scim-schemas';
import type { ScimGroupRow } from '../storage/scim-resource.repository';

type Resource = Record<string, unknown>;

export interface ScimGroupInput {
  displayName: string;
  /** Our group's name: the displayName itself when it is a valid group name, else one made from it. */
  name: string;
  externalId: string | null;
  /** Member ids, in the order sent, each once; undefined when the resource left members out. */
  members: string[] | undefined;
}

/**
 * Group names travel in tokens and keep to scope-token characters; directories name groups freely
 * ("Sales Team"). Such a group is named with each run of other characters turned into one `-`
 * ("Sales-Team") and keeps its displayName beside it.
 */
export function groupNameFor(displayName: string): string {
  if (!groupNameProblem(displayName)) return displayName;
  const name = displayName.replace(/[^A-Za-z0-9._:-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100);
  if (groupNameProblem(name)) throw ScimError.invalid('invalidValue', 'displayName needs at least one letter or digit');
  return name;
}

export function fromScimGroup(resource: Resource): ScimGroupInput {
  if (typeof resource.displayName !== 'string') throw ScimError.invalid('invalidValue', 'displayName is required');
  const members = Array.isArray(resource.members) ? resource.members : undefined;
  const ids = members?.map((member) => (isObject(member) && typeof member.value === 'string' ? member.value : undefined));
  if (ids?.some((id) => id === undefined)) throw ScimError.invalid('invalidValue', 'Each member needs a value: the id of a User or Group');
  return {
    displayName: resource.displayName,
    name: groupNameFor(resource.displayName),
    externalId: typeof resource.externalId === 'string' ? resource.externalId : null,
    members: ids === undefined ? undefined : [...new Set(ids as string[])],
  };
}

/** A group as a SCIM Group; `members` undefined leaves them out (excludedAttributes=members, as Entra ID asks). */
export function toScimGroup(row: ScimGroupRow, members: GroupMemberRow[] | undefined, location: (type: 'Users' | 'Groups', id: string) => string): Resource {
  const resource: Resource = { schemas: [GROUP_SCHEMA], id: row.id };
  if (row.external_id !== null) resource.externalId = row.external_id;
  // The stored displayName belongs to the name it was made into; after a rename elsewhere the name speaks.
  resource.displayName = row.display_name !== null && groupNameFor(row.display_name) === row.name ? row.display_name : row.name;
  if (members && members.length > 0) {
    resource.members = members.map((member) => {
      const type = member.type === 'user' ? 'User' : 'Group';
      return { value: member.id, display: member.type === 'user' ? member.username : member.name, type, $ref: location(`${type}s`, member.id) };
    });
  }
  const meta = { resourceType: 'Group', created: row.created_at, lastModified: latest(row.updated_at, row.scim_updated_at), location: location('Groups', row.id) };
  return withMeta(resource, meta, members !== undefined);
}
