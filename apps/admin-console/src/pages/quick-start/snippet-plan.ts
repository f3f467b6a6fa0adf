import type { ApiView, ClientView } from '@app/contracts';
import type { ApplicationKind } from '../../application-types';
import type { ExampleName } from './example-files';

/** What a quick start shows: an example's file with this application's values, or a text of its own. */
export type SnippetPlan = { title: string; notes: string[] } & ({ example: ExampleName; values: Record<string, string> } | { text: string });

export interface SnippetContext {
  client: ClientView;
  issuer: string;
  discovery: Record<string, unknown>;
  /** The APIs the console could read; the first one this application may call is the one the code calls. */
  apis: readonly ApiView[];
}

const PLACEHOLDER_API = 'https://api.example.com';
const NO_API = 'No API this application may call was found: register one and give the application one of its scopes (or ask an administrator, if your role cannot read APIs). Until then the API values are placeholders.';
const NO_LOGOUT_URI = 'This application has no logout redirect URI: add one in its settings, or logout cannot come back to the app.';

/** RFC 8707: a client may name an API as `resource` when its scopes include one of the API's. */
export function firstCallableApi(client: ClientView, apis: readonly ApiView[], asItself: boolean): ApiView | undefined {
  const scopes = new Set(client.scope.split(' ').filter((scope) => scope !== ''));
  return apis.find(
    (api) =>
      api.scopes.some((scope) => scopes.has(scope.name)) &&
      // allowed_clients limits who may get client_credentials tokens for the API.
      (!asItself || api.allowed_clients.length === 0 || api.allowed_clients.includes(client.client_id)),
  );
}

function apiValues(api: ApiView | undefined): { API_RESOURCE: string; API_URL: string } {
  return { API_RESOURCE: api?.identifier ?? PLACEHOLDER_API, API_URL: api?.identifier ?? `${PLACEHOLDER_API}/orders` };
}

function apiNotes(api: ApiView | undefined): string[] {
  if (!api) return [NO_API];
  return [`The code calls ${api.name} (${api.identifier}); API_URL starts as its identifier: set it to the route to call.`];
}

/** The settings of a browser sign-in; without a logout redirect URI, the redirect URI's origin stands in. */
function signInValues(client: ClientView, issuer: string, redirect: string, scope: string): Record<string, string> {
  const logoutRedirect = client.post_logout_redirect_uris[0] ?? new URL('/', redirect).href;
  return { ISSUER: issuer, CLIENT_ID: client.client_id, REDIRECT_URI: redirect, POST_LOGOUT_REDIRECT_URI: logoutRedirect, SCOPE: scope };
}

export function planSnippet(kind: ApplicationKind, { client, issuer, discovery, apis }: SnippetContext): SnippetPlan {
  const redirect = client.redirect_uris[0] ?? 'https://app.example.com/callback';
  const logoutNotes = client.post_logout_redirect_uris.length === 0 ? [NO_LOGOUT_URI] : [];
  const scope = client.scope || 'openid';
  switch (kind) {
    case 'spa': {
      const api = firstCallableApi(client, apis, false);
      return {
        title: 'React, with react-oidc-context (oidc-client-ts underneath): examples/react-spa/src/main.jsx',
        example: 'react-spa',
        values: { ...signInValues(client, issuer, redirect, scope), ...apiValues(api) },
        notes: [...apiNotes(api), ...logoutNotes],
      };
    }
    case 'web':
      return {
        title: 'Node.js server, with Express and openid-client: examples/web-app/server.mjs (CLIENT_SECRET from the environment)',
        example: 'web-app',
        values: signInValues(client, issuer, redirect, scope),
        notes: logoutNotes,
      };
    case 'm2m': {
      const api = firstCallableApi(client, apis, true);
      const apiScopes = new Set(api?.scopes.map((apiScope) => apiScope.name));
      const granted = client.scope.split(' ').filter((name) => name !== '' && (!api || apiScopes.has(name)));
      return {
        title: 'Node.js service, client credentials: examples/m2m-service/call-api.mjs (CLIENT_SECRET from the environment)',
        example: 'm2m-service',
        values: { ISSUER: issuer, CLIENT_ID: client.client_id, SCOPE: granted.join(' '), ...apiValues(api) },
        notes: apiNotes(api),
      };
    }
    case 'device':
      return {
        title: 'Device authorization (RFC 8628), with examples/device-cli',
        text: `# From the repository root: prints where to go and the code to enter, then waits for the approval.
ISSUER=${issuer} CLIENT_ID=${client.client_id} node examples/device-cli/device-login.mjs --scope "${scope}"`,
        notes: [],
      };
    case 'native':
      return { title: 'Native app (RFC 8252): system browser, PKCE, then the token endpoint', text: nativeText(client, issuer, discovery, redirect, scope), notes: [] };
  }
}

function nativeText(client: ClientView, issuer: string, discovery: Record<string, unknown>, redirect: string, scope: string): string {
  const token = String(discovery.token_endpoint ?? `${issuer}/oauth2/token`);
  return `# 1. Open the system browser (never a web view) at:
${String(discovery.authorization_endpoint ?? `${issuer}/oauth2/authorize`)}?response_type=code&client_id=${encodeURIComponent(client.client_id)}&redirect_uri=${encodeURIComponent(redirect)}&scope=${encodeURIComponent(scope)}&state=STATE&code_challenge=BASE64URL_SHA256_OF_VERIFIER&code_challenge_method=S256

# 2. Your redirect URI receives ?code=...&state=STATE; exchange the code:
curl -X POST ${token} \\
  -d grant_type=authorization_code \\
  -d client_id=${client.client_id} \\
  -d code=CODE \\
  -d redirect_uri=${redirect} \\
  -d code_verifier=VERIFIER`;
}
