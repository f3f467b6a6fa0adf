import type { LdapProviderInput, OidcProviderInput } from '@app/contracts';

export type ProviderType = 'oidc' | 'ldap';
export type OidcTemplate = NonNullable<OidcProviderInput['template']>;
export type LdapTemplate = NonNullable<LdapProviderInput['template']>;
/** `''`: an OpenID Provider without a template ("other"). */
export type TemplateChoice = OidcTemplate | LdapTemplate | '';

export interface TemplateOption {
  value: TemplateChoice;
  label: string;
}

export const OIDC_TEMPLATES: readonly TemplateOption[] = [
  { value: 'entra-id', label: 'Microsoft Entra ID' },
  { value: 'google-workspace', label: 'Google Workspace' },
  { value: 'okta', label: 'Okta' },
  { value: '', label: 'Other OpenID Connect provider' },
];

export const LDAP_TEMPLATES: readonly TemplateOption[] = [
  { value: 'active-directory', label: 'Active Directory' },
  { value: 'openldap', label: 'OpenLDAP' },
];

export const TEMPLATE_CHOICES: readonly TemplateChoice[] = [...OIDC_TEMPLATES, ...LDAP_TEMPLATES].map((option) => option.value);

/**
 * What the server fills in for each OIDC template when a field is left empty (libs/federation
 * provider-config.ts holds the real values and checks the issuer's shape); shown here as placeholders only.
 */
export const OIDC_TEMPLATE_DEFAULTS: Record<OidcTemplate | '', { issuer: string; scopes: string; groupsClaim: string; note?: string }> = {
  'entra-id': { issuer: 'https://login.microsoftonline.com/{tenant-id}/v2.0', scopes: 'openid profile email', groupsClaim: 'groups', note: 'Entra ID sends group object ids: map those.' },
  'google-workspace': { issuer: 'https://accounts.google.com', scopes: 'openid profile email', groupsClaim: '', note: 'Google sends no groups in its ID token. Empty issuer: https://accounts.google.com.' },
  okta: { issuer: 'https://{org}.okta.com/oauth2/default', scopes: 'openid profile email groups', groupsClaim: 'groups', note: 'Okta sends group names once the groups claim is set up on its authorization server.' },
  '': { issuer: 'https://idp.example.com', scopes: 'openid profile email', groupsClaim: 'groups' },
};

export interface LdapDefaults {
  userFilter: string;
  groupFilter: string;
  nestedGroups: boolean;
  attributes: { username: string; email: string; name: string; given_name: string; family_name: string; id: string };
}

/** Active Directory and OpenLDAP presets, as the server fills them when a field is left empty. */
export const LDAP_TEMPLATE_DEFAULTS: Record<LdapTemplate, LdapDefaults> = {
  'active-directory': {
    userFilter: '(&(objectClass=user)(sAMAccountName={username}))',
    groupFilter: '(member:1.2.840.113556.1.4.1941:={dn})',
    nestedGroups: true,
    attributes: { username: 'sAMAccountName', email: 'mail', name: 'displayName', given_name: 'givenName', family_name: 'sn', id: 'objectGUID' },
  },
  openldap: {
    userFilter: '(uid={username})',
    groupFilter: '(member={dn})',
    nestedGroups: false,
    attributes: { username: 'uid', email: 'mail', name: 'cn', given_name: 'givenName', family_name: 'sn', id: 'entryUUID' },
  },
};

export function isLdapTemplate(value: TemplateChoice): value is LdapTemplate {
  return value === 'active-directory' || value === 'openldap';
}

/**
 * The provider's view carries no template, so an existing provider's template is read off what it
 * stores: the issuer's host for OIDC, the username attribute for LDAP. Only hints depend on it.
 */
export function guessTemplate(view: { type: ProviderType; issuer?: string; attributes?: { username?: string } }): TemplateChoice {
  if (view.type === 'ldap') return view.attributes?.username === 'sAMAccountName' ? 'active-directory' : 'openldap';
  const issuer = view.issuer ?? '';
  if (issuer.startsWith('https://login.microsoftonline.com/')) return 'entra-id';
  if (issuer === 'https://accounts.google.com') return 'google-workspace';
  if (/^https:\/\/[^/]+\.okta(preview)?\.com/.test(issuer)) return 'okta';
  return '';
}

export function typeLabel(type: ProviderType): string {
  return type === 'oidc' ? 'OpenID Connect' : 'LDAP directory';
}
