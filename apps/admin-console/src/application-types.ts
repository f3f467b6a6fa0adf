import type { ClientMetadataInput, ClientView } from '@app/contracts';

export const GRANT = {
  code: 'authorization_code',
  refresh: 'refresh_token',
  clientCredentials: 'client_credentials',
  device: 'urn:ietf:params:oauth:grant-type:device_code',
} as const;

export const GRANT_LABELS: Record<string, string> = {
  [GRANT.code]: 'Authorization code',
  [GRANT.refresh]: 'Refresh token',
  [GRANT.clientCredentials]: 'Client credentials',
  [GRANT.device]: 'Device code',
};

export type ApplicationKind = 'spa' | 'native' | 'web' | 'm2m' | 'device';

export interface KindPreset {
  kind: ApplicationKind;
  label: string;
  description: string;
  needsRedirect: boolean;
  defaults: ClientMetadataInput;
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
    defaults: { application_type: 'web', grant_types: [GRANT.code, GRANT.refresh], token_endpoint_auth_method: 'none', require_pkce: true, scope: 'openid profile email' },
  },
  {
    kind: 'native',
    label: 'Native app',
    description: 'Mobile or desktop app. Public client, PKCE, a private-use scheme or loopback redirect.',
    needsRedirect: true,
    redirectExample: 'com.example.app:/callback',
    defaults: { application_type: 'native', grant_types: [GRANT.code, GRANT.refresh], token_endpoint_auth_method: 'none', require_pkce: true, scope: 'openid profile email offline_access' },
  },
  {
    kind: 'web',
    label: 'Regular web app',
    description: 'Server-rendered app that can keep a secret. Confidential client, authorization code with PKCE.',
    needsRedirect: true,
    redirectExample: 'https://app.example.com/auth/callback',
    defaults: { application_type: 'web', grant_types: [GRANT.code, GRANT.refresh], token_endpoint_auth_method: 'client_secret_basic', require_pkce: true, scope: 'openid profile email' },
  },
  {
    kind: 'm2m',
    label: 'Machine-to-machine',
    description: 'A backend service calling an API as itself. Client credentials with a secret, no people involved.',
    needsRedirect: false,
    defaults: { application_type: 'web', grant_types: [GRANT.clientCredentials], response_types: [], token_endpoint_auth_method: 'client_secret_basic', require_pkce: true, scope: '' },
  },
  {
    kind: 'device',
    label: 'Device or CLI',
    description: 'TVs, consoles and command-line tools without a browser. Device authorization grant, public client.',
    needsRedirect: false,
    defaults: { application_type: 'native', grant_types: [GRANT.device, GRANT.refresh], response_types: [], token_endpoint_auth_method: 'none', require_pkce: true, scope: 'openid profile offline_access' },
  },
];

export function presetOf(kind: ApplicationKind): KindPreset {
  return KINDS.find((preset) => preset.kind === kind)!;
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
