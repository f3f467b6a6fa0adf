import { useEffect, useState } from 'react';
import type { ClientView } from '@app/contracts';
import { ErrorBanner, Field } from '../forms';
import { useCan } from '../permissions';
import { useSession } from '../session';
import { ApiCall } from './api-call';
import { ExchangeView } from './exchange-view';
import { createPkce, keepPendingFlow, listenForReturn, playgroundRedirectUri, postForm, randomToken } from './oauth';
import type { AuthorizationReturn, FormExchange, PendingFlow } from './oauth';
import { SecretInput } from './secret-input';
import type { StepUpChallenge } from './step-up';
import { Step, Value } from './step';

interface Started {
  verifier: string;
  challenge: string;
  state: string;
  nonce: string;
  url: string;
  redirectUri: string;
  scope: string;
  acrValues: string;
  maxAge: string;
}

/** Authorization code + PKCE (RFC 7636), one visible step at a time. */
export function AuthorizationCodeFlow({ client, resumed, onClientChanged }: { client: ClientView; resumed?: PendingFlow; onClientChanged: (client: ClientView) => void }) {
  const { api, issuer, discovery } = useSession();
  const canChangeClient = useCan('clients:write');
  const callback = playgroundRedirectUri(issuer);
  const [redirectUri, setRedirectUri] = useState(resumed?.redirectUri ?? (client.redirect_uris.includes(callback) ? callback : (client.redirect_uris[0] ?? '')));
  const [scope, setScope] = useState(resumed?.scope ?? client.scope);
  const [acrValues, setAcrValues] = useState(resumed?.acrValues ?? '');
  const [maxAge, setMaxAge] = useState(resumed?.maxAge ?? '');
  const [secret, setSecret] = useState('');
  const [started, setStarted] = useState<Started | undefined>(() => resumed && { acrValues: '', maxAge: '', ...resumed, url: resumed.authorizationUrl });
  const [returned, setReturned] = useState<AuthorizationReturn | undefined>(resumed?.returned);
  const [exchange, setExchange] = useState<FormExchange>();
  const [error, setError] = useState<unknown>();
  const confidential = client.token_endpoint_auth_method !== 'none';

  // A new-tab run comes back through the callback tab; only the answer to our own state is taken.
  useEffect(() => {
    if (!started || returned) return;
    return listenForReturn((value) => value.state === started.state && setReturned(value));
  }, [started, returned]);

  const addCallback = async () => {
    setError(undefined);
    try {
      const updated = await api.send<ClientView>('PATCH', `/clients/${encodeURIComponent(client.client_id)}`, { redirect_uris: [...client.redirect_uris, callback] });
      onClientChanged(updated);
      setRedirectUri(callback);
    } catch (failure) {
      setError(failure);
    }
  };

  /** A new authorization request; a step-up passes the acr_values and max_age an API asked for. */
  const start = async (strength: { acrValues: string; maxAge: string } = { acrValues, maxAge }) => {
    const { verifier, challenge } = await createPkce();
    const state = randomToken(16);
    const nonce = randomToken(16);
    const url = new URL(String(discovery.authorization_endpoint));
    const params = { response_type: 'code', client_id: client.client_id, redirect_uri: redirectUri, scope, state, nonce, code_challenge: challenge, code_challenge_method: 'S256' };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    // OIDC Core §3.1.2.1: the levels wanted (by preference) and the greatest age of the sign-in, in seconds.
    if (strength.acrValues.trim()) url.searchParams.set('acr_values', strength.acrValues.trim());
    if (strength.maxAge.trim()) url.searchParams.set('max_age', strength.maxAge.trim());
    setStarted({ verifier, challenge, state, nonce, url: url.toString(), redirectUri, scope, ...strength });
    setReturned(undefined);
    setExchange(undefined);
  };

  const stepUp = (challenge: StepUpChallenge) => {
    const strength = { acrValues: challenge.acrValues ?? acrValues, maxAge: challenge.maxAge ?? maxAge };
    setAcrValues(strength.acrValues);
    setMaxAge(strength.maxAge);
    void start(strength);
  };

  const openSameTab = () => {
    if (!started) return;
    keepPendingFlow({ clientId: client.client_id, redirectUri: started.redirectUri, scope: started.scope, state: started.state, nonce: started.nonce, verifier: started.verifier, challenge: started.challenge, authorizationUrl: started.url, acrValues: started.acrValues, maxAge: started.maxAge });
    window.location.assign(started.url);
  };

  const redeem = async () => {
    if (!started || !returned?.code) return;
    setError(undefined);
    try {
      const params = { grant_type: 'authorization_code', code: returned.code, redirect_uri: started.redirectUri, code_verifier: started.verifier };
      setExchange(await postForm(String(discovery.token_endpoint), params, { id: client.client_id, method: client.token_endpoint_auth_method, secret }));
    } catch (failure) {
      setError(failure);
    }
  };

  const comesBack = redirectUri === callback;
  const accessToken = exchange && exchange.status === 200 && typeof exchange.body.access_token === 'string' ? exchange.body.access_token : undefined;
  return (
    <ol className="steps">
      <Step number={1} title="Choose where the browser comes back" reached>
        <Field label="Redirect URI" hint={comesBack ? 'The playground page: it receives the code.' : 'The code goes to your application, not to this page: copy it from the address bar there.'}>
          {(props) => (
            <select {...props} value={redirectUri} onChange={(event) => setRedirectUri(event.target.value)}>
              {client.redirect_uris.map((uri) => (
                <option key={uri} value={uri}>
                  {uri}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!client.redirect_uris.includes(callback) && (
          <p className="hint-box">
            To receive the code here, the application must allow <code>{callback}</code> as a redirect URI.{' '}
            {canChangeClient && (
              <button type="button" className="secondary small" onClick={() => void addCallback()}>
                Add it to this application
              </button>
            )}
          </p>
        )}
        <Field label="Scope">{(props) => <input {...props} type="text" value={scope} onChange={(event) => setScope(event.target.value)} />}</Field>
        <div className="row">
          <Field label="acr_values" hint="Optional: pwd, mfa or phr, space-separated by preference.">
            {(props) => <input {...props} type="text" placeholder="mfa" value={acrValues} onChange={(event) => setAcrValues(event.target.value)} />}
          </Field>
          <Field label="max_age" hint="Optional: seconds since the last sign-in, at most.">
            {(props) => <input {...props} type="number" min={0} inputMode="numeric" value={maxAge} onChange={(event) => setMaxAge(event.target.value)} />}
          </Field>
        </div>
        {confidential && <SecretInput value={secret} onChange={setSecret} />}
        <button type="button" onClick={() => void start()} disabled={!redirectUri}>
          {started ? 'Start again' : 'Generate PKCE and the authorization URL'}
        </button>
      </Step>
      <Step number={2} title="PKCE: a secret the browser keeps" reached={Boolean(started)}>
        {started && (
          <>
            <p>The code verifier is 32 random bytes, base64url-encoded. Only its SHA-256 hash (the challenge) travels in the URL; the verifier is sent later with the code.</p>
            <Value label="code_verifier" value={started.verifier} testId="code-verifier" />
            <Value label="code_challenge = BASE64URL(SHA256(code_verifier))" value={started.challenge} testId="code-challenge" />
            <Value label="code_challenge_method" value="S256" />
            <Value label="state (checked on return)" value={started.state} />
          </>
        )}
      </Step>
      <Step number={3} title="Send the person to the authorization endpoint" reached={Boolean(started)}>
        {started && (
          <>
            <pre className="code-block" data-testid="authorization-url">
              {started.url.replace(/[?&]/g, (separator) => `\n${separator}`)}
            </pre>
            <div className="actions">
              <a className="button" href={started.url} target="_blank" rel="noopener">
                Open in a new tab
              </a>
              <button type="button" className="secondary" onClick={openSameTab} disabled={!comesBack}>
                Open in this tab
              </button>
            </div>
            {!returned && comesBack && <p aria-live="polite">Waiting for the browser to come back with a code…</p>}
          </>
        )}
      </Step>
      <Step number={4} title="The code comes back" reached={Boolean(returned)}>
        {returned && <Returned value={returned} expectedState={started?.state} />}
      </Step>
      <Step number={5} title="Exchange the code and the verifier for tokens" reached={Boolean(returned?.code)}>
        {!exchange && (
          <button type="button" onClick={() => void redeem()}>
            Exchange code for tokens
          </button>
        )}
        {exchange && <ExchangeView title="Token request" exchange={exchange} />}
      </Step>
      <Step number={6} title="Call an API with the access token" reached={Boolean(accessToken)}>
        {accessToken && <ApiCall accessToken={accessToken} onStepUp={stepUp} />}
      </Step>
      <ErrorBanner error={error} />
    </ol>
  );
}

function Returned({ value, expectedState }: { value: AuthorizationReturn; expectedState?: string }) {
  if (value.error) {
    return (
      <div className="banner error" role="alert">
        {value.error}
        {value.error_description ? `: ${value.error_description}` : ''}
      </div>
    );
  }
  return (
    <>
      <Value label="code" value={value.code ?? ''} testId="authorization-code" />
      <Value label="state" value={`${value.state ?? ''} ${value.state === expectedState ? '(matches)' : '(DOES NOT MATCH: do not redeem)'}`} />
      {value.iss && <Value label="iss (RFC 9207)" value={value.iss} />}
    </>
  );
}
