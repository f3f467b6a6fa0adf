import type { ApiView, ClientView, Page } from '@app/contracts';
import { CopyButton } from '../components';
import { kindOf, presetOf } from '../application-types';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import { snippetFor } from './quick-start/snippets';

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
  // The API the code calls; someone who may not read APIs gets placeholders, which the notes say.
  const apis = useResource<Page<ApiView>>('/apis?limit=100');
  const code = snippetFor(kind, { client, issuer: String(discovery.issuer), discovery, apis: apis.data?.items ?? [] });
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
      {code.notes.map((note) => (
        <p key={note} className="snippet-note">
          {note}
        </p>
      ))}
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
