import { Field } from '../forms';
import type { FormValues } from '../forms';
import { useSession } from '../session';
import type { ApplicationFormState } from './application-metadata';
import { parseJwks } from './application-key-auth-values';

const listed = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/**
 * Key-based client authentication (private_key_jwt, client_secret_jwt) and the algorithm of JWT
 * introspection answers: the choices come from the server's discovery document, so only what works is offered.
 */
export function ApplicationKeyAuthFields({ form, errors }: { form: FormValues<ApplicationFormState>; errors: Record<string, string> }) {
  const { discovery } = useSession();
  const method = form.values.token_endpoint_auth_method;
  const assertion = method === 'private_key_jwt' || method === 'client_secret_jwt';
  const algorithms = listed(discovery.token_endpoint_auth_signing_alg_values_supported).filter((alg) => (method === 'client_secret_jwt') === alg.startsWith('HS'));
  const introspectionAlgorithms = listed(discovery.introspection_signing_alg_values_supported);
  const jwksUnreadable = form.values.jwks.trim() !== '' && !parseJwks(form.values.jwks);
  return (
    <fieldset className="checks">
      <legend>Keys and signed answers</legend>
      {method === 'private_key_jwt' && (
        <>
          <p className="hint">The app signs a short-lived JWT with its private key; give its public keys here (one of the two).</p>
          <Field label="Public keys (JWK Set JSON)" hint="Public keys only: a private key is refused." error={errors.jwks ?? (jwksUnreadable ? 'This is not valid JSON' : undefined)}>
            {(props) => <textarea {...props} rows={5} placeholder='{"keys": [{"kty": "EC", ...}]}' {...form.text('jwks')} />}
          </Field>
          <Field label="JWK Set URL (jwks_uri)" hint="https, on a public address; fetched and cached for 5 minutes." error={errors.jwks_uri}>
            {(props) => <input {...props} type="url" placeholder="https://app.example.com/jwks.json" {...form.text('jwks_uri')} />}
          </Field>
        </>
      )}
      {method === 'client_secret_jwt' && (
        <p className="hint">The app signs a short-lived JWT with its client secret (HMAC). The server keeps that secret encrypted with KEY_ENCRYPTION_SECRET to check it.</p>
      )}
      {assertion && (
        <Field label="Assertion algorithm" error={errors.token_endpoint_auth_signing_alg}>
          {(props) => (
            <select {...props} {...form.text('token_endpoint_auth_signing_alg')}>
              <option value="">Any of {algorithms.join(', ')}</option>
              {algorithms.map((alg) => <option key={alg} value={alg}>{alg}</option>)}
            </select>
          )}
        </Field>
      )}
      <Field label="JWT introspection answer algorithm" hint="For callers asking for application/token-introspection+jwt (RFC 9701); RS256 by default." error={errors.introspection_signed_response_alg}>
        {(props) => (
          <select {...props} {...form.text('introspection_signed_response_alg')}>
            {introspectionAlgorithms.map((alg) => <option key={alg} value={alg}>{alg}</option>)}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
