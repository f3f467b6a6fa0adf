import { useState } from 'react';
import type { ClientView } from '@app/contracts';
import { isConfidential } from '../application-types';
import { CONSOLE_CLIENT_ID } from '../auth';
import { ConfirmAction, formatDate, Notice } from '../components';
import { ErrorBanner, Field, OtherErrors, useFormValues, useSubmission } from '../forms';
import { GRANT, grantLabel, inDisplayOrder, useSupportedGrants } from '../grant-types';
import { useCan } from '../permissions';
import { useRouter } from '../router';
import { useSession } from '../session';
import { ApplicationImplicitFields } from './application-implicit-fields';
import { ApplicationLogoutFields } from './application-logout-fields';
import { ApplicationTokenBindingFields } from './application-token-binding-fields';
import { ApplicationKeyAuthFields } from './application-key-auth-fields';
import { ApplicationParFields } from './application-par-fields';
import { AUTH_METHODS, SHOWN_FIELDS, SIGN_IN_STRENGTHS, toForm, toMetadata } from './application-metadata';

/** An application's settings form, its credentials and its deletion; read-only without `clients:write`. */
export function ApplicationSettings({ client, onSaved, onSecret }: { client: ClientView; onSaved: (client: ClientView) => void; onSecret: (secret: string) => void }) {
  const { api } = useSession();
  const canWrite = useCan('clients:write');
  const { navigate } = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useFormValues(() => toForm(client), () => setSaved(false));
  const { values, set } = form;
  const save = useSubmission();
  const action = useSubmission();
  const errors = save.fieldErrors;
  const path = `/clients/${encodeURIComponent(client.client_id)}`;
  const supported = useSupportedGrants();
  // The grants the server supports, and any this application already has, so none is hidden.
  const grants = inDisplayOrder([...supported, ...client.grant_types]).filter((grant) => grant !== GRANT.implicit);
  const toggleGrant = (grant: string, on: boolean) =>
    set('grant_types', on ? [...values.grant_types.filter((g) => g !== grant), grant] : values.grant_types.filter((g) => g !== grant));

  const toggleStrength = (value: string, on: boolean) =>
    set('default_acr_values', on ? [...values.default_acr_values.filter((v) => v !== value), value] : values.default_acr_values.filter((v) => v !== value));

  const submit = async () => {
    const updated = await api.send<ClientView>('PUT', path, toMetadata(client, values));
    if (updated.client_secret) onSecret(updated.client_secret);
    onSaved(updated);
    form.replace(toForm(updated));
    setSaved(true);
  };
  const rotate = () =>
    action.run(async () => {
      const rotated = await api.send<ClientView>('POST', `${path}/secret`);
      if (rotated.client_secret) onSecret(rotated.client_secret);
    });
  const remove = () =>
    action.run(async () => {
      await api.send('DELETE', path);
      navigate('/applications');
    });

  return (
    <>
      <form onSubmit={save.onSubmit(submit)} noValidate className="form" aria-label="Application settings">
        {/* A disabled fieldset turns every control in it read-only, for roles that may only look. */}
        <fieldset className="bare" disabled={!canWrite}>
          <Field label="Name" error={errors.client_name}>
            {(props) => <input {...props} type="text" {...form.text('client_name')} />}
          </Field>
          <Field label="Redirect URIs" hint="One per line; matched exactly." error={errors.redirect_uris}>
            {(props) => <textarea {...props} rows={3} {...form.text('redirect_uris')} />}
          </Field>
          <Field label="Post-logout redirect URIs" hint="One per line." error={errors.post_logout_redirect_uris}>
            {(props) => <textarea {...props} rows={2} {...form.text('post_logout_redirect_uris')} />}
          </Field>
          <Field label="Scopes" hint="Space-separated." error={errors.scope}>
            {(props) => <input {...props} type="text" {...form.text('scope')} />}
          </Field>
          <fieldset className={`checks${errors.grant_types || errors.response_types ? ' has-error' : ''}`}>
            <legend>Grant types</legend>
            {grants.map((grant) => (
              <label key={grant}>
                <input type="checkbox" checked={values.grant_types.includes(grant)} onChange={(event) => toggleGrant(grant, event.target.checked)} /> {grantLabel(grant)}
              </label>
            ))}
            {(errors.grant_types || errors.response_types) && (
              <p className="field-error" role="alert">
                {errors.grant_types ?? errors.response_types}
              </p>
            )}
          </fieldset>
          <Field label="Token endpoint authentication" error={errors.token_endpoint_auth_method}>
            {(props) => (
              <select {...props} {...form.choice('token_endpoint_auth_method', AUTH_METHODS)}>
                <option value="none">None (public client)</option>
                <option value="client_secret_basic">Client secret (HTTP Basic)</option>
                <option value="client_secret_post">Client secret (form body)</option>
                <option value="private_key_jwt">Private key JWT (private_key_jwt)</option>
                <option value="client_secret_jwt">Secret-signed JWT (client_secret_jwt)</option>
              </select>
            )}
          </Field>
          <div className="checks">
            <label>
              <input type="checkbox" {...form.checkbox('require_pkce')} /> Require PKCE
            </label>
            {errors.require_pkce && <p className="field-error">{errors.require_pkce}</p>}
            <label>
              <input type="checkbox" {...form.checkbox('first_party')} /> First-party (no consent screen)
            </label>
          </div>
          <fieldset className={`checks${errors.default_acr_values ? ' has-error' : ''}`}>
            <legend>Required sign-in strength</legend>
            <p className="hint">
              When the app's request names no <code>acr_values</code>, people must have signed in with one of these, or something stronger. None checked: a password is enough.
            </p>
            {SIGN_IN_STRENGTHS.map((strength) => (
              <label key={strength.value}>
                <input type="checkbox" checked={values.default_acr_values.includes(strength.value)} onChange={(event) => toggleStrength(strength.value, event.target.checked)} /> {strength.label}
              </label>
            ))}
            {errors.default_acr_values && (
              <p className="field-error" role="alert">
                {errors.default_acr_values}
              </p>
            )}
          </fieldset>
          {supported.includes(GRANT.implicit) && <ApplicationImplicitFields form={form} />}
          <ApplicationLogoutFields form={form} errors={errors} />
          <ApplicationTokenBindingFields form={form} />
          <ApplicationKeyAuthFields form={form} errors={errors} />
          <ApplicationParFields form={form} />
          <div className="row">
            <Field label="Access token lifetime (seconds)" hint="Empty: server default." error={errors.access_token_ttl}>
              {(props) => <input {...props} type="number" min={30} inputMode="numeric" {...form.text('access_token_ttl')} />}
            </Field>
            <Field label="Refresh token lifetime (seconds)" hint="Empty: server default." error={errors.refresh_token_ttl}>
              {(props) => <input {...props} type="number" min={60} inputMode="numeric" {...form.text('refresh_token_ttl')} />}
            </Field>
          </div>
        </fieldset>
        <OtherErrors errors={errors} shown={SHOWN_FIELDS} />
        <ErrorBanner error={save.error} />
        {saved && <Notice>Saved.</Notice>}
        {canWrite && (
          <div className="actions">
            <button type="submit" disabled={save.busy}>
              {save.busy ? 'Saving…' : 'Save changes'}
            </button>
          </div>
        )}
      </form>
      <section className="panel" aria-labelledby="credentials-title">
        <h2 id="credentials-title">Credentials</h2>
        <p>
          Created {formatDate(client.created_at)} · updated {formatDate(client.updated_at)}
        </p>
        {client.token_endpoint_auth_method === 'private_key_jwt' ? (
          <p>Private key JWT: the app proves itself with its own key; it has no secret.</p>
        ) : isConfidential(client) ? (
          <>
            <p>The secret is stored hashed and cannot be shown again. Rotating makes the old one stop working at once.</p>
            {canWrite && <ConfirmAction label="Rotate secret" question="Rotate the secret? The current one stops working now." confirmLabel="Rotate now" onConfirm={rotate} />}
          </>
        ) : (
          <p>Public client: it has no secret and must use PKCE.</p>
        )}
      </section>
      {client.client_id === CONSOLE_CLIENT_ID ? (
        <section className="panel" aria-labelledby="danger-title">
          <h2 id="danger-title">This console's own registration</h2>
          <p>The server keeps it in step with its issuer at every start, so it cannot be deleted here.</p>
        </section>
      ) : (
        canWrite && (
          <section className="panel danger-zone" aria-labelledby="danger-title">
            <h2 id="danger-title">Delete application</h2>
            <p>Its tokens stop being accepted for new requests and it can no longer sign anyone in.</p>
            <ConfirmAction label="Delete application" question={`Delete “${client.client_name}”? This cannot be undone.`} confirmLabel="Delete permanently" onConfirm={remove} />
          </section>
        )
      )}
      <ErrorBanner error={action.error} />
    </>
  );
}
