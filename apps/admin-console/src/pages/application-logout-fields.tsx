import { Field } from '../forms';
import type { FormValues } from '../forms';
import type { ApplicationFormState } from './application-metadata';

/**
 * The "Logout" part of an application's settings: where the server tells the app that a person's session
 * ended, server to server (OpenID Connect Back-Channel Logout) and through the browser (Front-Channel Logout).
 */
export function ApplicationLogoutFields({ form, errors }: { form: FormValues<ApplicationFormState>; errors: Record<string, string> }) {
  return (
    <fieldset className="checks">
      <legend>Logout</legend>
      <p className="hint">When a session that signed in to this app ends, the server tells the app at these addresses. https only (http for localhost); no fragment.</p>
      <Field label="Back-channel logout URI" hint="Receives a signed logout token (POST) from the server." error={errors.backchannel_logout_uri}>
        {(props) => <input {...props} type="url" placeholder="https://app.example.com/backchannel-logout" {...form.text('backchannel_logout_uri')} />}
      </Field>
      <label>
        <input type="checkbox" {...form.checkbox('backchannel_logout_session_required')} /> Back-channel logout needs the session id (<code>sid</code>)
      </label>
      <Field label="Front-channel logout URI" hint="Loaded in a hidden frame of the signed-out page." error={errors.frontchannel_logout_uri}>
        {(props) => <input {...props} type="url" placeholder="https://app.example.com/frontchannel-logout" {...form.text('frontchannel_logout_uri')} />}
      </Field>
      <label>
        <input type="checkbox" {...form.checkbox('frontchannel_logout_session_required')} /> Front-channel logout needs <code>iss</code> and <code>sid</code>
      </label>
    </fieldset>
  );
}
