import { ScimError } from '../http/scim-error';
import { latest, withMeta } from '../http/resource-meta';
import { isObject } from '../schema/attribute-path';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/scim-schemas';
import type { ScimExtra, ScimUserRow } from '../storage/scim-resource.repository';

type Resource = Record<string, unknown>;

/** What a SCIM User says about our columns, and what is kept beside them. */
export interface ScimUserInput {
  username: string;
  email: string | null;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  active: boolean | undefined;
  password: string | undefined;
  extra: ScimExtra;
}

/** Attributes that live in our columns, are the server's (schemas, meta) or are never kept (password). */
const NOT_STORED = ['schemas', 'meta', 'id', 'externalId', 'userName', 'active', 'password', 'displayName'];

/** The address our `email` column holds: the primary one, else the work one, else the first. */
function accountEmailIndex(emails: unknown): number {
  if (!Array.isArray(emails) || emails.length === 0) return -1;
  const primary = emails.findIndex((email) => isObject(email) && email.primary === true);
  if (primary >= 0) return primary;
  const work = emails.findIndex((email) => isObject(email) && typeof email.type === 'string' && email.type.toLowerCase() === 'work');
  return work >= 0 ? work : 0;
}

/** A normalized SCIM User (see normalize.ts) as our person plus the attributes stored beside them. */
export function fromScimUser(resource: Resource): ScimUserInput {
  if (typeof resource.userName !== 'string') throw ScimError.invalid('invalidValue', 'userName is required');
  const name = isObject(resource.name) ? resource.name : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const givenName = text(name.givenName);
  const familyName = text(name.familyName);
  const displayName = text(resource.displayName) ?? text(name.formatted) ?? ([givenName, familyName].filter(Boolean).join(' ') || null);
  const emails = resource.emails as Resource[] | undefined;
  const index = accountEmailIndex(emails);
  const attributes = Object.fromEntries(Object.entries(resource).filter(([key]) => !NOT_STORED.includes(key)));
  return {
    username: resource.userName,
    email: index >= 0 ? text(emails![index].value) : null,
    name: displayName,
    givenName,
    familyName,
    active: typeof resource.active === 'boolean' ? resource.active : undefined,
    password: typeof resource.password === 'string' ? resource.password : undefined,
    extra: { externalId: text(resource.externalId), attributes },
  };
}

/**
 * A person as a SCIM User. Our columns win over what was provisioned (an administrator may have renamed
 * the person or changed their address since); everything else is what the client sent.
 */
export function toScimUser(row: ScimUserRow, location: string): Resource {
  const stored = row.attributes ?? {};
  const name: Resource = { ...(isObject(stored.name) ? stored.name : {}) };
  assign(name, 'givenName', row.given_name);
  assign(name, 'familyName', row.family_name);
  const resource: Resource = { schemas: [USER_SCHEMA, ...(isObject(stored[ENTERPRISE_USER_SCHEMA]) ? [ENTERPRISE_USER_SCHEMA] : [])], id: row.id };
  assign(resource, 'externalId', row.external_id);
  resource.userName = row.username;
  if (Object.keys(name).length > 0) resource.name = name;
  assign(resource, 'displayName', row.name);
  Object.assign(resource, Object.fromEntries(Object.entries(stored).filter(([key]) => key !== 'name' && key !== 'emails')));
  const emails = accountEmails(stored.emails, row.email);
  if (emails.length > 0) resource.emails = emails;
  resource.active = !row.disabled;
  return withMeta(resource, { resourceType: 'User', created: row.created_at, lastModified: latest(row.updated_at, row.scim_updated_at), location });
}

/** The stored addresses with the account's one as our column has it. */
function accountEmails(stored: unknown, email: string | null): Resource[] {
  const emails = Array.isArray(stored) ? stored.filter(isObject).map((value) => ({ ...value })) : [];
  const index = accountEmailIndex(emails);
  if (email === null) return index >= 0 ? emails.filter((_, at) => at !== index) : emails;
  if (index < 0) return [{ value: email, type: 'work', primary: true }];
  emails[index].value = email;
  return emails;
}

function assign(target: Resource, key: string, value: string | null): void {
  if (value !== null) target[key] = value;
}
