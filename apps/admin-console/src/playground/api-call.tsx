import { useState } from 'react';
import { Field } from '../forms';
import { type StepUpChallenge, stepUpOf } from './step-up';
import { Value } from './step';

interface Answer {
  status: number;
  wwwAuthenticate: string | null;
  body: string;
}

/**
 * Calls an API with the access token. The console may only connect to its own origin, so an API elsewhere
 * is called with the curl line shown, and its WWW-Authenticate header pasted back here.
 */
export function ApiCall({ accessToken, onStepUp }: { accessToken: string; onStepUp: (challenge: StepUpChallenge) => void }) {
  const [url, setUrl] = useState('');
  const [method, setMethod] = useState<'GET' | 'POST'>('POST');
  const [answer, setAnswer] = useState<Answer>();
  const [failure, setFailure] = useState<string>();
  const [pasted, setPasted] = useState('');

  const call = async () => {
    setAnswer(undefined);
    setFailure(undefined);
    try {
      const response = await fetch(url, { method, headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
      setAnswer({ status: response.status, wwwAuthenticate: response.headers.get('www-authenticate'), body: (await response.text()).slice(0, 2000) });
    } catch {
      setFailure('The browser could not call it from here (another origin, or it is down): run the curl line and paste the WWW-Authenticate header it answers with.');
    }
  };

  const challenge = answer ? stepUpOf(answer.status, answer.wwwAuthenticate) : pasted.trim() ? stepUpOf(401, pasted) : undefined;
  return (
    <>
      <div className="row">
        <Field label="Method">
          {(props) => (
            <select {...props} value={method} onChange={(event) => setMethod(event.target.value === 'GET' ? 'GET' : 'POST')}>
              <option value="GET">GET</option>
              <option value="POST">POST</option>
            </select>
          )}
        </Field>
        <Field label="API URL" hint="For example the example API's refund route, which needs a second factor.">
          {(props) => <input {...props} type="text" inputMode="url" placeholder="http://localhost:4000/orders/1/refund" value={url} onChange={(event) => setUrl(event.target.value)} />}
        </Field>
      </div>
      {url && <pre className="code-block">{`curl -si -X ${method} '${url}' -H 'authorization: Bearer ${accessToken}'`}</pre>}
      <button type="button" onClick={() => void call()} disabled={!url}>
        Call the API
      </button>
      {answer && (
        <>
          <Value label="Status" value={String(answer.status)} testId="api-status" />
          {answer.wwwAuthenticate && <Value label="WWW-Authenticate" value={answer.wwwAuthenticate} testId="api-challenge" />}
          <pre className="code-block">{answer.body}</pre>
        </>
      )}
      {failure && (
        <>
          <p className="hint-box">{failure}</p>
          <Field label="WWW-Authenticate header">{(props) => <input {...props} type="text" value={pasted} onChange={(event) => setPasted(event.target.value)} />}</Field>
        </>
      )}
      {challenge && <StepUp challenge={challenge} onStepUp={onStepUp} />}
    </>
  );
}

function StepUp({ challenge, onStepUp }: { challenge: StepUpChallenge; onStepUp: (challenge: StepUpChallenge) => void }) {
  const asked = [challenge.acrValues && `acr_values=${challenge.acrValues}`, challenge.maxAge && `max_age=${challenge.maxAge}`].filter(Boolean).join(' and ');
  return (
    <div className="hint-box" role="status" data-testid="step-up">
      <p>
        The API wants a stronger or more recent sign-in (RFC 9470){challenge.errorDescription ? `: ${challenge.errorDescription}` : ''}.
      </p>
      {challenge.acrValues && <Value label="acr_values" value={challenge.acrValues} />}
      {challenge.maxAge && <Value label="max_age" value={challenge.maxAge} />}
      <button type="button" onClick={() => onStepUp(challenge)}>
        Sign in again with {asked || 'a new sign-in'}
      </button>
    </div>
  );
}
