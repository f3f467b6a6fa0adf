import type { FormValues } from '../forms';
import type { ApplicationFormState } from './application-metadata';

/**
 * Sender-constrained tokens (DPoP, RFC 9449): when required, every token request of the app must prove
 * possession of its key, so a leaked access or refresh token is useless to whoever copied it.
 */
export function ApplicationTokenBindingFields({ form }: { form: FormValues<ApplicationFormState> }) {
  return (
    <fieldset className="checks">
      <legend>Token binding</legend>
      <label>
        <input type="checkbox" {...form.checkbox('dpop_bound_access_tokens')} /> Require DPoP-bound tokens (<code>dpop_bound_access_tokens</code>)
      </label>
      <p className="hint">Token requests without a DPoP proof are refused; the app's access tokens only work with proofs of its key.</p>
    </fieldset>
  );
}
