import { useEffect, useRef, useState } from 'react';
import type { ClientView } from '@app/contracts';
import { ErrorBanner, Field } from '../forms';
import { GRANT } from '../grant-types';
import { useSession } from '../session';
import { ExchangeView } from './exchange-view';
import { postForm } from './oauth';
import type { FormExchange } from './oauth';
import { SecretInput } from './secret-input';
import { Step, Value } from './step';

/** Device authorization (RFC 8628): start, show the code to the person, poll until they decide. */
export function DeviceCodeFlow({ client }: { client: ClientView }) {
  const { discovery } = useSession();
  const [scope, setScope] = useState(client.scope);
  const [secret, setSecret] = useState('');
  const [started, setStarted] = useState<FormExchange>();
  const [polls, setPolls] = useState<FormExchange[]>([]);
  const [error, setError] = useState<unknown>();
  const timer = useRef<number | undefined>(undefined);
  const confidential = client.token_endpoint_auth_method !== 'none';
  const authentication = { id: client.client_id, method: client.token_endpoint_auth_method, secret };
  const last = polls[polls.length - 1];
  const finished = last && last.body.error !== 'authorization_pending' && last.body.error !== 'slow_down';

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const start = async () => {
    window.clearTimeout(timer.current);
    setError(undefined);
    setPolls([]);
    try {
      const answer = await postForm(String(discovery.device_authorization_endpoint), scope.trim() ? { scope: scope.trim() } : {}, authentication);
      setStarted(answer);
      if (answer.status === 200) poll(String(answer.body.device_code), Number(answer.body.interval ?? 5));
    } catch (failure) {
      setError(failure);
    }
  };

  // RFC 8628 §3.5: wait `interval` seconds between polls, 5 more after slow_down.
  const poll = (deviceCode: string, interval: number) => {
    timer.current = window.setTimeout(async () => {
      try {
        const answer = await postForm(String(discovery.token_endpoint), { grant_type: GRANT.device, device_code: deviceCode }, authentication);
        setPolls((list) => [...list.slice(-19), answer]);
        if (answer.body.error === 'authorization_pending') poll(deviceCode, interval);
        else if (answer.body.error === 'slow_down') poll(deviceCode, interval + 5);
      } catch (failure) {
        setError(failure);
      }
    }, interval * 1000);
  };

  const body = started?.body ?? {};
  return (
    <ol className="steps">
      <Step number={1} title="The device asks for a code" reached>
        <Field label="Scope">{(props) => <input {...props} type="text" value={scope} onChange={(event) => setScope(event.target.value)} />}</Field>
        {confidential && <SecretInput value={secret} onChange={setSecret} />}
        <button type="button" onClick={() => void start()}>
          {started ? 'Start again' : 'Start device authorization'}
        </button>
        {started && started.status !== 200 && <ExchangeView title="Device authorization request" exchange={started} />}
      </Step>
      <Step number={2} title="The person enters the code in a browser" reached={started?.status === 200}>
        <Value label="user_code" value={String(body.user_code ?? '')} testId="user-code" />
        <Value label="verification_uri" value={String(body.verification_uri ?? '')} />
        {typeof body.verification_uri_complete === 'string' && (
          <p>
            <a href={body.verification_uri_complete} target="_blank" rel="noopener">
              Open the verification page with the code filled in
            </a>
          </p>
        )}
      </Step>
      <Step number={3} title="The device polls the token endpoint" reached={polls.length > 0 || started?.status === 200}>
        <p aria-live="polite">
          {finished ? `Finished after ${polls.length} poll(s).` : `Polling every ${String(body.interval ?? 5)} s… ${polls.length} poll(s) so far, answer: ${String(last?.body.error ?? 'none yet')}.`}
        </p>
        {finished && <ExchangeView title="Last token request" exchange={last} />}
      </Step>
      <ErrorBanner error={error} />
    </ol>
  );
}
