import type { FormValues } from '../forms';
import { GRANT } from '../grant-types';
import type { ApplicationFormState } from './application-metadata';

/**
 * The opt-in to implicit sign-in (OpenID Connect response_type=id_token): kept apart from the grant types
 * because it is legacy and only signs a person in; no access token is ever issued this way.
 */
export function ApplicationImplicitFields({ form }: { form: FormValues<ApplicationFormState> }) {
  const { values, set } = form;
  const on = values.grant_types.includes(GRANT.implicit);
  const toggle = (enabled: boolean) =>
    set('grant_types', enabled ? [...values.grant_types.filter((grant) => grant !== GRANT.implicit), GRANT.implicit] : values.grant_types.filter((grant) => grant !== GRANT.implicit));
  return (
    <fieldset className="checks">
      <legend>Implicit sign-in (legacy)</legend>
      <label>
        <input type="checkbox" checked={on} onChange={(event) => toggle(event.target.checked)} /> Allow implicit sign-in (<code>response_type=id_token</code>)
      </label>
      <p className="hint">
        Legacy, for sign-in only: the app receives an ID token in the browser (fragment or form post), never an access token.
        New apps should use the authorization code flow with PKCE.
      </p>
    </fieldset>
  );
}
