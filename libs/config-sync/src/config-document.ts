/**
 * The configuration document: everything the admin API manages except people, keyed by natural keys
 * (client_id, API identifier, group name, role name, provider name) so that the export of one server
 * applies to another. Policies are not a section of their own: they are fields of the objects they
 * govern (an application's allowed_groups and default_acr_values, an API's allowed_groups and
 * allowed_clients, a group's require_mfa), so each rule is written in exactly one place.
 */
export const API_VERSION = 'meridian-auth/v1';
export const KIND = 'Configuration';

export type ConfigObject = Record<string, unknown>;

export const SECTIONS = ['applications', 'apis', 'groups', 'roles', 'identity_providers'] as const;
export type Section = (typeof SECTIONS)[number];

/** The field naming each section's objects. */
export const KEY_FIELD: Record<Section, string> = {
  applications: 'client_id',
  apis: 'identifier',
  groups: 'name',
  roles: 'role',
  identity_providers: 'name',
};

/** The kind of object in each section, as plans and audit events name it. */
export const KIND_OF: Record<Section, string> = {
  applications: 'application',
  apis: 'api',
  groups: 'group',
  roles: 'role',
  identity_providers: 'identity_provider',
};

export interface ConfigDocument {
  apiVersion: typeof API_VERSION;
  kind: typeof KIND;
  applications: ConfigObject[];
  apis: ConfigObject[];
  groups: ConfigObject[];
  roles: ConfigObject[];
  identity_providers: ConfigObject[];
}

export function emptyDocument(): ConfigDocument {
  return { apiVersion: API_VERSION, kind: KIND, applications: [], apis: [], groups: [], roles: [], identity_providers: [] };
}

/** The document with every section sorted by key, so that an export is the same bytes every time. */
export function sortedDocument(document: ConfigDocument): ConfigDocument {
  const sorted = emptyDocument();
  for (const section of SECTIONS) {
    const key = KEY_FIELD[section];
    sorted[section] = [...document[section]].sort((a, b) => compareText(String(a[key]), String(b[key])));
  }
  return sorted;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
