import type { GroupMapping, IdentityProviderInput, IdentityProviderView, LdapProviderInput, OidcProviderInput } from '@app/contracts';
import { words } from '../forms';
import { LDAP_TEMPLATE_DEFAULTS } from './identity-provider-templates';
import type { ProviderType, TemplateChoice } from './identity-provider-templates';

export interface MappingRow {
  upstream: string;
  group: string;
}

export type AttributeRole = keyof NonNullable<LdapProviderInput['attributes']>;
export const ATTRIBUTE_ROLES: readonly AttributeRole[] = ['username', 'email', 'name', 'given_name', 'family_name', 'id'];

/** Every field of both kinds as the form edits them (lists as typed text); only the chosen kind's are sent. */
export interface ProviderFormState {
  type: ProviderType;
  template: TemplateChoice;
  name: string;
  display_name: string;
  enabled: boolean;
  /** The new client secret or bind password; empty keeps the stored one. */
  secret: string;
  /** Removes the stored secret (sent as null). */
  clear_secret: boolean;
  jit: boolean;
  mapping: MappingRow[];
  issuer: string;
  client_id: string;
  scopes: string;
  domains: string;
  groups_claim: string;
  link_by_verified_email: boolean;
  url: string;
  start_tls: boolean;
  bind_dn: string;
  user_base_dn: string;
  user_filter: string;
  attributes: Record<AttributeRole, string>;
  group_base_dn: string;
  group_filter: string;
  nested_groups: boolean;
  sync_interval_s: string;
}

const NO_ATTRIBUTES: Record<AttributeRole, string> = { username: '', email: '', name: '', given_name: '', family_name: '', id: '' };

/** A new provider: fields the template fills on the server start empty (their placeholders say what). */
export function newProviderForm(type: ProviderType, template: TemplateChoice): ProviderFormState {
  return {
    type, template, name: '', display_name: '', enabled: true, secret: '', clear_secret: false, jit: true, mapping: [],
    issuer: '', client_id: '', scopes: '', domains: '', groups_claim: '', link_by_verified_email: false,
    url: '', start_tls: false, bind_dn: '', user_base_dn: '', user_filter: '', attributes: { ...NO_ATTRIBUTES }, group_base_dn: '', group_filter: '',
    nested_groups: template === 'active-directory' || template === 'openldap' ? LDAP_TEMPLATE_DEFAULTS[template].nestedGroups : false,
    sync_interval_s: '',
  };
}

/** An existing provider as the form shows it. */
export function providerForm(view: IdentityProviderView, template: TemplateChoice): ProviderFormState {
  const form = newProviderForm(view.type, template);
  const common = { ...form, name: view.name, display_name: view.display_name, enabled: view.enabled, jit: view.jit ?? true, mapping: mappingRows(view.group_mapping) };
  if (view.type === 'oidc') {
    return {
      ...common, issuer: view.issuer ?? '', client_id: view.client_id, scopes: (view.scopes ?? []).join(' '), domains: (view.domains ?? []).join(' '),
      groups_claim: view.groups_claim ?? '', link_by_verified_email: view.link_by_verified_email ?? false,
    };
  }
  return {
    ...common, url: view.url, start_tls: view.start_tls ?? false, bind_dn: view.bind_dn ?? '', user_base_dn: view.user_base_dn, user_filter: view.user_filter ?? '',
    attributes: { ...NO_ATTRIBUTES, ...view.attributes }, group_base_dn: view.group_base_dn ?? '', group_filter: view.group_filter ?? '',
    nested_groups: view.nested_groups ?? false, sync_interval_s: view.sync_interval_s?.toString() ?? '',
  };
}

function mappingRows(mapping: GroupMapping | undefined): MappingRow[] {
  return Object.entries(mapping ?? {}).map(([upstream, group]) => ({ upstream, group }));
}

/** The API maps each upstream group to one of ours (an object), so a second row for it would be lost. */
export function repeatedUpstream(rows: readonly MappingRow[]): string | undefined {
  const seen = new Set<string>();
  for (const row of rows) {
    const upstream = row.upstream.trim();
    if (upstream && seen.has(upstream)) return upstream;
    seen.add(upstream);
  }
  return undefined;
}

function mappingOf(rows: readonly MappingRow[]): GroupMapping {
  return Object.fromEntries(rows.filter((row) => row.upstream.trim() !== '').map((row) => [row.upstream.trim(), row.group]));
}

/** Empty text is left out on creation, so the server's template default applies. */
function optional(value: string): string | undefined {
  return value.trim() || undefined;
}

function oidcInput(form: ProviderFormState): Omit<OidcProviderInput, 'name' | 'client_secret'> {
  return {
    type: 'oidc',
    display_name: optional(form.display_name),
    issuer: optional(form.issuer),
    client_id: form.client_id.trim(),
    scopes: form.scopes.trim() ? words(form.scopes) : undefined,
    domains: words(form.domains),
    groups_claim: optional(form.groups_claim),
    group_mapping: mappingOf(form.mapping),
    jit: form.jit,
    link_by_verified_email: form.link_by_verified_email,
    enabled: form.enabled,
  };
}

function ldapInput(form: ProviderFormState): Omit<LdapProviderInput, 'name' | 'bind_password'> {
  const attributes = Object.fromEntries(ATTRIBUTE_ROLES.filter((role) => form.attributes[role].trim()).map((role) => [role, form.attributes[role].trim()]));
  const interval = form.sync_interval_s.trim();
  return {
    type: 'ldap',
    display_name: optional(form.display_name),
    url: form.url.trim(),
    start_tls: form.start_tls,
    bind_dn: optional(form.bind_dn),
    user_base_dn: form.user_base_dn.trim(),
    user_filter: optional(form.user_filter),
    attributes: Object.keys(attributes).length ? attributes : undefined,
    group_base_dn: optional(form.group_base_dn),
    group_filter: optional(form.group_filter),
    nested_groups: form.nested_groups,
    group_mapping: mappingOf(form.mapping),
    jit: form.jit,
    sync_interval_s: interval ? Number(interval) : null,
    enabled: form.enabled,
  };
}

/** `POST /admin/v1/identity-providers`: the chosen kind's fields, the template, the secret when typed. */
export function creationInput(form: ProviderFormState): IdentityProviderInput {
  const secret = optional(form.secret) === undefined ? undefined : form.secret;
  if (form.type === 'oidc') {
    return { ...oidcInput(form), name: form.name.trim(), template: form.template === '' || form.template === 'active-directory' || form.template === 'openldap' ? undefined : form.template, client_secret: secret };
  }
  return { ...ldapInput(form), name: form.name.trim(), template: form.template === 'active-directory' || form.template === 'openldap' ? form.template : undefined, bind_password: secret };
}

/** Empty optional text means "none" on an existing provider (null clears it on the server). */
function cleared(input: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, value === undefined && keys.includes(key) ? null : value]));
}

const CLEARABLE = ['display_name', 'groups_claim', 'bind_dn', 'group_base_dn', 'user_filter', 'group_filter'];

/**
 * `PATCH /admin/v1/identity-providers/{id}`: only the fields that differ from what the provider had, and
 * the secret only when one was typed (or its removal was asked for).
 */
export function changedInput(before: ProviderFormState, after: ProviderFormState): Record<string, unknown> {
  const editable = (form: ProviderFormState) => cleared(form.type === 'oidc' ? { ...oidcInput(form) } : { ...ldapInput(form) }, CLEARABLE);
  const old = editable(before);
  const changes = Object.fromEntries(Object.entries(editable(after)).filter(([key, value]) => key !== 'type' && JSON.stringify(value) !== JSON.stringify(old[key])));
  const secretField = after.type === 'oidc' ? 'client_secret' : 'bind_password';
  if (after.secret !== '') changes[secretField] = after.secret;
  else if (after.clear_secret) changes[secretField] = null;
  return changes;
}
