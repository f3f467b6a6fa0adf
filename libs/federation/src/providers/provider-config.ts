import type { GroupMapping, IdentityProviderInput, LdapProviderInput, OidcProviderInput } from '@app/contracts';
import { InvalidRequest } from '@app/core';

/** What is stored for an upstream OpenID Provider (the client secret apart). */
export interface OidcProviderConfig {
  template: OidcProviderInput['template'] | null;
  issuer: string;
  clientId: string;
  scopes: string[];
  domains: string[];
  /** The ID token / userinfo claim holding the person's groups; null: the upstream sends none. */
  groupsClaim: string | null;
  /** The claim used as the username of a person created on first sign-in. */
  usernameClaim: string;
  groupMapping: GroupMapping;
  jit: boolean;
  linkByVerifiedEmail: boolean;
}

/** What is stored for an LDAP directory (the bind password apart). */
export interface LdapProviderConfig {
  template: LdapProviderInput['template'] | null;
  url: string;
  startTls: boolean;
  bindDn: string | null;
  userBaseDn: string;
  userFilter: string;
  attributes: { username: string; email: string; name: string; givenName: string; familyName: string; id: string };
  groupBaseDn: string | null;
  groupFilter: string;
  nestedGroups: boolean;
  groupMapping: GroupMapping;
  jit: boolean;
  syncIntervalSeconds: number | null;
}

export interface NormalizedProvider {
  type: 'oidc' | 'ldap';
  name: string;
  displayName: string;
  enabled: boolean;
  config: OidcProviderConfig | LdapProviderConfig;
  /** Undefined: keep the stored one. */
  secret?: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Presets: what each well-known upstream calls things. Entra ID sends group object ids in `groups` (map
 * them); Google Workspace sends no groups in its ID token; Okta sends group names when the `groups` scope
 * and claim are configured on the authorization server.
 */
const OIDC_TEMPLATES: Record<NonNullable<OidcProviderInput['template']>, { issuer: RegExp; example: string; scopes: string[]; groupsClaim: string | null; usernameClaim: string }> = {
  'entra-id': { issuer: /^https:\/\/login\.microsoftonline\.com\/[^/]+\/v2\.0$/, example: 'https://login.microsoftonline.com/{tenant-id}/v2.0', scopes: ['openid', 'profile', 'email'], groupsClaim: 'groups', usernameClaim: 'preferred_username' },
  'google-workspace': { issuer: /^https:\/\/accounts\.google\.com$/, example: 'https://accounts.google.com', scopes: ['openid', 'profile', 'email'], groupsClaim: null, usernameClaim: 'email' },
  okta: { issuer: /^https:\/\/[^/]+\.okta(preview)?\.com(\/oauth2\/[^/]+)?$/, example: 'https://{org}.okta.com/oauth2/default', scopes: ['openid', 'profile', 'email', 'groups'], groupsClaim: 'groups', usernameClaim: 'preferred_username' },
};

/**
 * Active Directory: sAMAccountName, objectGUID, and nested groups through LDAP_MATCHING_RULE_IN_CHAIN
 * (1.2.840.113556.1.4.1941), which AD evaluates itself. OpenLDAP: uid, entryUUID, groupOfNames members.
 */
const LDAP_TEMPLATES: Record<NonNullable<LdapProviderInput['template']>, Pick<LdapProviderConfig, 'userFilter' | 'attributes' | 'groupFilter' | 'nestedGroups'>> = {
  'active-directory': {
    userFilter: '(&(objectClass=user)(sAMAccountName={username}))',
    attributes: { username: 'sAMAccountName', email: 'mail', name: 'displayName', givenName: 'givenName', familyName: 'sn', id: 'objectGUID' },
    groupFilter: '(member:1.2.840.113556.1.4.1941:={dn})',
    nestedGroups: true,
  },
  openldap: {
    userFilter: '(uid={username})',
    attributes: { username: 'uid', email: 'mail', name: 'cn', givenName: 'givenName', familyName: 'sn', id: 'entryUUID' },
    groupFilter: '(member={dn})',
    nestedGroups: false,
  },
};

/** Validates a provider as the admin API received it and fills in its template; every problem names its field. */
export function normalizeProvider(input: IdentityProviderInput): NormalizedProvider {
  const name = input.name;
  if (typeof name !== 'string' || !NAME.test(name)) throw InvalidRequest.forField('name', 'must be 1-63 lower-case letters, digits or -, starting with a letter or digit');
  const common = { name, displayName: text(input.display_name, 'display_name', 100) ?? name, enabled: input.enabled ?? true };
  if (input.type === 'oidc') return { type: 'oidc', ...common, config: oidcConfig(input), secret: input.client_secret };
  if (input.type === 'ldap') return { type: 'ldap', ...common, config: ldapConfig(input), secret: input.bind_password };
  throw InvalidRequest.forField('type', 'must be oidc or ldap');
}

function oidcConfig(input: OidcProviderInput): OidcProviderConfig {
  const template = input.template ? OIDC_TEMPLATES[input.template] : undefined;
  if (input.template && !template) throw InvalidRequest.forField('template', `must be one of ${Object.keys(OIDC_TEMPLATES).join(', ')}`);
  const issuer = input.issuer ?? (input.template === 'google-workspace' ? template!.example : undefined);
  if (!issuer || !isHttpsUrl(issuer)) throw InvalidRequest.forField('issuer', 'must be the https URL of the upstream issuer');
  if (template && !template.issuer.test(issuer)) throw InvalidRequest.forField('issuer', `a ${input.template} issuer looks like ${template.example}`);
  const clientId = text(input.client_id, 'client_id', 500);
  if (!clientId) throw InvalidRequest.forField('client_id', 'is required');
  const scopes = list(input.scopes, 'scopes') ?? template?.scopes ?? ['openid', 'profile', 'email'];
  if (!scopes.includes('openid')) throw InvalidRequest.forField('scopes', 'must include openid');
  const domains = (list(input.domains, 'domains') ?? []).map((domain) => domain.toLowerCase());
  const badDomain = domains.find((domain) => !DOMAIN.test(domain));
  if (badDomain !== undefined) throw InvalidRequest.forField('domains', `"${badDomain.slice(0, 100)}" is not a domain name`);
  return {
    template: input.template ?? null,
    issuer: issuer.replace(/\/+$/, ''),
    clientId,
    scopes,
    domains,
    groupsClaim: input.groups_claim === undefined ? (template ? template.groupsClaim : 'groups') : text(input.groups_claim, 'groups_claim', 100) ?? null,
    usernameClaim: template?.usernameClaim ?? 'preferred_username',
    groupMapping: mapping(input.group_mapping),
    jit: input.jit ?? true,
    linkByVerifiedEmail: input.link_by_verified_email ?? false,
  };
}

function ldapConfig(input: LdapProviderInput): LdapProviderConfig {
  const template = LDAP_TEMPLATES[input.template ?? 'openldap'];
  if (!template) throw InvalidRequest.forField('template', `must be one of ${Object.keys(LDAP_TEMPLATES).join(', ')}`);
  if (typeof input.url !== 'string' || !/^ldaps?:\/\/[^/\s]+\/?$/.test(input.url)) throw InvalidRequest.forField('url', 'must be ldap://host:port or ldaps://host:port');
  const userBaseDn = text(input.user_base_dn, 'user_base_dn', 1000);
  if (!userBaseDn) throw InvalidRequest.forField('user_base_dn', 'is required');
  const userFilter = text(input.user_filter, 'user_filter', 1000) ?? template.userFilter;
  if (!userFilter.includes('{username}')) throw InvalidRequest.forField('user_filter', 'must contain {username}');
  const groupFilter = text(input.group_filter, 'group_filter', 1000) ?? template.groupFilter;
  if (!groupFilter.includes('{dn}')) throw InvalidRequest.forField('group_filter', 'must contain {dn}');
  const attributes = { ...template.attributes };
  for (const [key, value] of Object.entries(input.attributes ?? {})) {
    const field = { given_name: 'givenName', family_name: 'familyName' }[key] ?? key;
    if (!(field in attributes)) throw InvalidRequest.forField('attributes', `unknown attribute role ${key.slice(0, 50)}`);
    const attribute = text(value, `attributes.${key}`, 100);
    if (attribute) attributes[field as keyof typeof attributes] = attribute;
  }
  const interval = input.sync_interval_s;
  if (interval !== undefined && interval !== null && (!Number.isInteger(interval) || interval < 60 || interval > 7 * 86400)) {
    throw InvalidRequest.forField('sync_interval_s', 'must be whole seconds from 60 to 604800');
  }
  if (input.url.startsWith('ldaps://') && input.start_tls) throw InvalidRequest.forField('start_tls', 'is for ldap:// URLs; ldaps:// is TLS from the start');
  return {
    template: input.template ?? null,
    url: input.url.replace(/\/$/, ''),
    startTls: input.start_tls ?? false,
    bindDn: text(input.bind_dn, 'bind_dn', 1000) ?? null,
    userBaseDn,
    userFilter,
    attributes,
    groupBaseDn: text(input.group_base_dn, 'group_base_dn', 1000) ?? null,
    groupFilter,
    nestedGroups: input.nested_groups ?? template.nestedGroups,
    groupMapping: mapping(input.group_mapping),
    jit: input.jit ?? true,
    syncIntervalSeconds: interval ?? null,
  };
}

function mapping(value: unknown): GroupMapping {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw InvalidRequest.forField('group_mapping', 'must map upstream groups to group names');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 500) throw InvalidRequest.forField('group_mapping', 'may map at most 500 groups');
  if (entries.some(([from, to]) => from.length === 0 || from.length > 1000 || typeof to !== 'string')) throw InvalidRequest.forField('group_mapping', 'must map upstream groups to group names');
  return Object.fromEntries(entries) as GroupMapping;
}

function list(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 50 || value.some((item) => typeof item !== 'string' || item.length === 0 || item.length > 200)) {
    throw InvalidRequest.forField(field, 'must be a list of at most 50 strings');
  }
  return [...new Set(value as string[])];
}

function text(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) throw InvalidRequest.forField(field, `must be a string of at most ${max} characters`);
  return value.trim() || undefined;
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // Plain http only for an upstream on this machine (tests, a local provider).
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

