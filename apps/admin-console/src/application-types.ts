import type { ClientMetadataInput, ClientView } from '@app/contracts';
import { GRANT } from './grant-types';

export type ApplicationKind = 'spa' | 'native' | 'web' | 'm2m' | 'device';

export interface KindPreset {
  kind: ApplicationKind;
  label: string;
  description: string;
  needsRedirect: boolean;
  /** The grants this kind cannot work without: it is offered only where the server supports them all. */
  grants: string[];
  /** Asked for as well where the server supports them (a refresh token outlasts the access token). */
  optionalGrants: string[];
  defaults: Omit<ClientMetadataInput, 'grant_types'>;
  redirectExample?: string;
}

/** Safe defaults per kind: public clients with PKCE, secrets only where a server keeps them. */
export const KINDS: KindPreset[] = [
  {
    kind: 'spa',
    label: 'Single-page app',
    description: 'Runs in the browser (React, Angular, Vue). Public client, authorization code with PKCE.',
    needsRedirect: true,
    redirectExample: 'https://app.example.com/callback',
    grants: [GRANT.code],
    optionalGrants: [GRANT.refresh],
    defaults: { application_type: 'web', token_endpoint_auth_method: 'none', require_pkce: true, scope: 'openid profile email' },
  },
  {
    kind: 'native',
    label: 'Native app',
    description: 'Mobile or desktop app. Public client, PKCE, a private-use scheme or loopback redirect.',
    needsRedirect: true,
    redirectExample: 'com.example.app:/callback',
    grants: [GRANT.code],
    optionalGrants: [GRANT.refresh],
    defaults: { application_type: 'native', token_endpoint_auth_method: 'none', require_pkce: true, scope: 'openid profile email offline_access' },
  },
  {
    kind: 'web',
    label: 'Regular web app',
    description: 'Server-rendered app that can keep a secret. Confidential client, authorization code with PKCE.',
    needsRedirect: true,
    redirectExample: 'https://app.example.com/auth/callback',
    grants: [GRANT.code],
    optionalGrants: [GRANT.refresh],
    defaults: { application_type: 'web', token_endpoint_auth_method: 'client_secret_basic', require_pkce: true, scope: 'openid profile email' },
  },
  {
    kind: 'm2m',
    label: 'Machine-to-machine',
    description: 'A backend service calling an API as itself. Client credentials with a secret, no people involved.',
    needsRedirect: false,
    grants: [GRANT.clientCredentials],
    optionalGrants: [],
    defaults: { application_type: 'web', response_types: [], token_endpoint_auth_method: 'client_secret_basic', require_pkce: true, scope: '' },
  },
  {
    kind: 'device',
    label: 'Device or CLI',
    description: 'TVs, consoles and command-line tools without a browser. Device authorization grant, public client.',
    needsRedirect: false,
    grants: [GRANT.device],
    optionalGrants: [GRANT.refresh],
    defaults: { application_type: 'native', response_types: [], token_endpoint_auth_method: 'none', require_pkce: true, scope: 'openid profile offline_access' },
  },
];

export function presetOf(kind: ApplicationKind): KindPreset {
  return KINDS.find((preset) => preset.kind === kind)!;
}

/** The kinds this server can run: it supports every grant the kind needs. */
export function kindsSupported(supported: readonly string[]): KindPreset[] {
  return KINDS.filter((preset) => preset.grants.every((grant) => supported.includes(grant)));
}

/** The registration a kind starts from on this server: its optional grants only where they are supported. */
export function registrationFor(preset: KindPreset, supported: readonly string[]): ClientMetadataInput {
  return { ...preset.defaults, grant_types: [...preset.grants, ...preset.optionalGrants.filter((grant) => supported.includes(grant))] };
}

/** What kind of application a registration looks like, for its quick start. */
export function kindOf(client: ClientView): ApplicationKind {
  if (client.grant_types.includes(GRANT.clientCredentials) && !client.grant_types.includes(GRANT.code)) return 'm2m';
  if (client.grant_types.includes(GRANT.device) && !client.grant_types.includes(GRANT.code)) return 'device';
  if (client.token_endpoint_auth_method === 'none') return client.application_type === 'native' ? 'native' : 'spa';
  return 'web';
}

export function isConfidential(client: ClientView): boolean {
  return client.token_endpoint_auth_method !== 'none';
}
