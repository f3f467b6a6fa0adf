import { useState } from 'react';
import type { ClientView } from '@app/contracts';
import { ErrorBanner, Field } from '../forms';
import { useSession } from '../session';
import { ExchangeView } from './exchange-view';
import { postForm } from './oauth';
import type { FormExchange } from './oauth';
import { SecretInput } from './secret-input';
import { Step } from './step';

/** Client credentials (RFC 6749 §4.4): a service asks for a token for itself with its secret. */
export function ClientCredentialsFlow({ client }: { client: ClientView }) {
  const { discovery } = useSession();
  const [secret, setSecret] = useState('');
  const [scope, setScope] = useState(client.scope);
  const [resource, setResource] = useState('');
  const [exchange, setExchange] = useState<FormExchange>();
  const [error, setError] = useState<unknown>();

  const request = async () => {
    setError(undefined);
    try {
      const params: Record<string, string> = { grant_type: 'client_credentials' };
      if (scope.trim()) params.scope = scope.trim();
      if (resource.trim()) params.resource = resource.trim();
      setExchange(await postForm(String(discovery.token_endpoint), params, { id: client.client_id, method: client.token_endpoint_auth_method, secret }));
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <ol className="steps">
      <Step number={1} title="Authenticate as the application" reached>
        <SecretInput value={secret} onChange={setSecret} />
        <Field label="Scope" hint="Space-separated; empty asks for every scope the application may have.">
          {(props) => <input {...props} type="text" value={scope} onChange={(event) => setScope(event.target.value)} />}
        </Field>
        <Field label="Resource (optional)" hint="An API identifier (RFC 8707): the token's audience.">
          {(props) => <input {...props} type="text" value={resource} onChange={(event) => setResource(event.target.value)} />}
        </Field>
        <button type="button" onClick={() => void request()} disabled={!secret}>
          Request a token
        </button>
      </Step>
      <Step number={2} title="The token" reached={Boolean(exchange)}>
        {exchange && <ExchangeView title="Token request" exchange={exchange} />}
      </Step>
      <ErrorBanner error={error} />
    </ol>
  );
}
