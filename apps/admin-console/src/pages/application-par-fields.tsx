import type { FormValues } from '../forms';
import type { ApplicationFormState } from './application-metadata';

/**
 * Pushed authorization requests (RFC 9126): the app sends its sign-in request to the server first, so
 * nothing in the browser's address bar can be altered; once required, a request sent directly is refused.
 */
export function ApplicationParFields({ form }: { form: FormValues<ApplicationFormState> }) {
  return (
    <fieldset className="checks">
      <legend>Pushed authorization requests</legend>
      <label>
        <input type="checkbox" {...form.checkbox('require_pushed_authorization_requests')} /> Require pushed authorization requests (PAR)
      </label>
    </fieldset>
  );
}
