import type { ClientView } from '@app/contracts';
import { CopyButton } from '../components';
import { kindOf, presetOf } from '../application-types';
import type { ApplicationKind } from '../application-types';
import { useSession } from '../session';

const ENDPOINTS: [string, string][] = [
  ['Discovery', ''],
  ['Authorization endpoint', 'authorization_endpoint'],
  ['Token endpoint', 'token_endpoint'],
  ['Userinfo endpoint', 'userinfo_endpoint'],
  ['JWKS', 'jwks_uri'],
  ['End session endpoint', 'end_session_endpoint'],
  ['Device authorization endpoint', 'device_authorization_endpoint'],
  ['Introspection endpoint', 'introspection_endpoint'],
  ['Revocation endpoint', 'revocation_endpoint'],
];

/** The exact settings of this application and a starting snippet for its kind. */
export function QuickStart({ client }: { client: ClientView }) {
  const { issuer, discovery } = useSession();
  const kind = kindOf(client);
  const discoveryUrl = `${issuer}/.well-known/openid-configuration`;
  const settings: [string, string][] = [
    ['Issuer', String(discovery.issuer)],
    ['Client ID', client.client_id],
    ...ENDPOINTS.map(([label, key]): [string, string] => [label, key === '' ? discoveryUrl : typeof discovery[key] === 'string' ? (discovery[key] as string) : '']).filter(
      ([, value]) => value !== '',
    ),
    ['Redirect URIs', client.redirect_uris.join(' ')],
    ['Scopes', client.scope],
    ['Client authentication', client.token_endpoint_auth_method],
  ];
  const code = snippet(kind, client, String(discovery.issuer), discovery);
  return (
    <div className="quick-start">
      <p>
        This is a <strong>{presetOf(kind).label.toLowerCase()}</strong>. Every endpoint can be found through discovery; these are the
        values for this application.
      </p>
      <dl className="settings">
        {settings
          .filter(([, value]) => value !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                <code>{value}</code> <CopyButton value={value} />
              </dd>
            </div>
          ))}
      </dl>
      <h2>Code</h2>
      <div className="snippet">
        <div className="snippet-head">
          <span>{code.title}</span>
          <CopyButton value={code.text} label="Copy code" />
        </div>
        <pre>
          <code>{code.text}</code>
        </pre>
      </div>
      {kind !== 'm2m' && <SignInStrength client={client} />}
    </div>
  );
}

/** How to ask for a second factor or a passkey: for this app, for a group, or for one request. */
function SignInStrength({ client }: { client: ClientView }) {
  const required = client.default_acr_values;
  return (
    <section className="sign-in-strength">
      <h2>Sign-in strength</h2>
      <p>
        {required.length > 0 ? (
          <>
            Every sign-in to this application needs <code>{required.join(' or ')}</code> (its <code>default_acr_values</code>).
          </>
        ) : (
          <>A password is enough for this application today.</>
        )}{' '}
        To require a second factor for everyone who uses it, set <strong>Required sign-in strength</strong> to <code>mfa</code> in
        its settings (<code>phr</code> for a passkey or security key only); people without one are taken through adding one at
        their next sign-in. To require it of a group wherever its people sign in, tick <strong>Require a second factor</strong> on
        the group. For one request, send <code>acr_values=mfa</code> (and <code>max_age</code> for a recent sign-in) on the
        authorization request; the ID token's <code>acr</code>, <code>amr</code> and <code>auth_time</code> say what the person did.
      </p>
    </section>
  );
}

function snippet(kind: ApplicationKind, client: ClientView, issuer: string, discovery: Record<string, unknown>): { title: string; text: string } {
  const redirect = client.redirect_uris[0] ?? 'https://app.example.com/callback';
  const scope = client.scope || 'openid';
  const token = String(discovery.token_endpoint ?? `${issuer}/oauth2/token`);
  switch (kind) {
    case 'spa':
      return {
        title: 'Browser, with oidc-client-ts (authorization code + PKCE)',
        text: `import { UserManager } from 'oidc-client-ts';

const auth = new UserManager({
  authority: '${issuer}',
  client_id: '${client.client_id}',
  redirect_uri: '${redirect}',
  response_type: 'code', // PKCE S256 is used automatically
  scope: '${scope}',
});

// Sign in:
await auth.signinRedirect();
// On ${redirect}:
const user = await auth.signinRedirectCallback();
fetch('https://api.example.com/orders', { headers: { Authorization: \`Bearer \${user.access_token}\` } });`,
      };
    case 'native':
      return {
        title: 'Native app (RFC 8252): system browser, PKCE, then the token endpoint',
        text: `# 1. Open the system browser (never a web view) at:
${String(discovery.authorization_endpoint ?? `${issuer}/oauth2/authorize`)}?response_type=code&client_id=${encodeURIComponent(client.client_id)}&redirect_uri=${encodeURIComponent(redirect)}&scope=${encodeURIComponent(scope)}&state=STATE&code_challenge=BASE64URL_SHA256_OF_VERIFIER&code_challenge_method=S256

# 2. Your redirect URI receives ?code=...&state=STATE; exchange the code:
curl -X POST ${token} \\
  -d grant_type=authorization_code \\
  -d client_id=${client.client_id} \\
  -d code=CODE \\
  -d redirect_uri=${redirect} \\
  -d code_verifier=VERIFIER`,
      };
    case 'web':
      return {
        title: 'Node.js server, with openid-client',
        text: `import * as client from 'openid-client';

const config = await client.discovery(new URL('${issuer}'), '${client.client_id}', process.env.CLIENT_SECRET);

// Start sign-in (keep verifier and state in the user's server-side session):
const code_verifier = client.randomPKCECodeVerifier();
const state = client.randomState();
const url = client.buildAuthorizationUrl(config, {
  redirect_uri: '${redirect}',
  scope: '${scope}',
  code_challenge: await client.calculatePKCECodeChallenge(code_verifier),
  code_challenge_method: 'S256',
  state,
});

// On ${redirect}:
const tokens = await client.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: code_verifier, expectedState: state });`,
      };
    case 'm2m':
      return {
        title: 'Client credentials, with curl',
        text: `curl -X POST ${token} \\
  -u '${client.client_id}:YOUR_CLIENT_SECRET' \\
  -d grant_type=client_credentials${client.scope ? ` \\\n  -d 'scope=${client.scope}'` : ''}

# Then call your API with: Authorization: Bearer <access_token>`,
      };
    case 'device':
      return {
        title: 'Device authorization (RFC 8628), with curl',
        text: `# 1. Ask for a code and show the user the verification URI and user_code:
curl -X POST ${String(discovery.device_authorization_endpoint ?? `${issuer}/oauth2/device_authorization`)} \\
  -d client_id=${client.client_id} \\
  -d 'scope=${scope}'

# 2. Poll every "interval" seconds until the user approves:
curl -X POST ${token} \\
  -d grant_type=urn:ietf:params:oauth:grant-type:device_code \\
  -d client_id=${client.client_id} \\
  -d device_code=DEVICE_CODE`,
      };
  }
}
