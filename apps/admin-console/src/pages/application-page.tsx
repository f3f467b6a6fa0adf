import { FormEvent, useEffect, useState } from 'react';
import type { ClientMetadataInput, ClientView } from '@app/contracts';
import { ConfirmAction, ErrorBanner, Field, fieldErrors, formatDate, Notice, SecretPanel } from '../components';
import { GRANT, GRANT_LABELS, isConfidential } from '../application-types';
import { CONSOLE_CLIENT_ID } from '../auth';
import { takeSecret } from '../one-time-secret';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { lines, OtherErrors } from './create-application-page';
import { QuickStart } from './quick-start';

type Tab = 'settings' | 'quick-start';

export function ApplicationPage({ clientId, tab }: { clientId: string; tab: Tab }) {
  const { api } = useSession();
  const [client, setClient] = useState<ClientView>();
  const [loadError, setLoadError] = useState<unknown>();
  const [secret, setSecret] = useState<string | undefined>(() => takeSecret(clientId));
  const base = `/applications/${encodeURIComponent(clientId)}`;

  useEffect(() => {
    let live = true;
    api.get<ClientView>(`/clients/${encodeURIComponent(clientId)}`).then((view) => live && setClient(view), (failure: unknown) => live && setLoadError(failure));
    return () => {
      live = false;
    };
  }, [api, clientId]);

  if (loadError) {
    return (
      <section>
        <p className="crumbs">
          <Link to="/applications">Applications</Link>
        </p>
        <ErrorBanner error={loadError} />
      </section>
    );
  }
  if (!client) return <p aria-busy="true">Loading…</p>;
  return (
    <section>
      <p className="crumbs">
        <Link to="/applications">Applications</Link> / {client.client_name}
      </p>
      <h1>{client.client_name}</h1>
      <p className="subtitle">
        Client ID <code data-testid="client-id">{client.client_id}</code>
      </p>
      {secret && <SecretPanel secret={secret} onDone={() => setSecret(undefined)} />}
      <nav className="tabs" aria-label="Application">
        <Link to={base} current={tab === 'settings'}>
          Settings
        </Link>
        <Link to={`${base}/quick-start`} current={tab === 'quick-start'}>
          Quick start
        </Link>
      </nav>
      {tab === 'settings' ? <Settings client={client} onSaved={setClient} onSecret={setSecret} /> : <QuickStart client={client} />}
    </section>
  );
}

interface FormState {
  client_name: string;
  redirect_uris: string;
  post_logout_redirect_uris: string;
  scope: string;
  grant_types: string[];
  token_endpoint_auth_method: ClientView['token_endpoint_auth_method'];
  require_pkce: boolean;
  first_party: boolean;
  access_token_ttl: string;
  refresh_token_ttl: string;
}

function toForm(client: ClientView): FormState {
  return {
    client_name: client.client_name,
    redirect_uris: client.redirect_uris.join('\n'),
    post_logout_redirect_uris: client.post_logout_redirect_uris.join('\n'),
    scope: client.scope,
    grant_types: client.grant_types,
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    require_pkce: client.require_pkce,
    first_party: client.first_party,
    access_token_ttl: client.access_token_ttl?.toString() ?? '',
    refresh_token_ttl: client.refresh_token_ttl?.toString() ?? '',
  };
}

function toMetadata(client: ClientView, form: FormState): ClientMetadataInput {
  const ttl = (value: string) => (value.trim() === '' ? null : Number(value));
  return {
    client_name: form.client_name.trim(),
    application_type: client.application_type,
    redirect_uris: lines(form.redirect_uris),
    post_logout_redirect_uris: lines(form.post_logout_redirect_uris),
    grant_types: form.grant_types,
    response_types: form.grant_types.includes(GRANT.code) ? ['code'] : [],
    token_endpoint_auth_method: form.token_endpoint_auth_method,
    scope: form.scope.trim(),
    contacts: client.contacts,
    first_party: form.first_party,
    require_pkce: form.require_pkce,
    allow_plain_pkce: client.allow_plain_pkce,
    access_token_ttl: ttl(form.access_token_ttl),
    refresh_token_ttl: ttl(form.refresh_token_ttl),
    ...(client.logo_uri ? { logo_uri: client.logo_uri } : {}),
    ...(client.client_uri ? { client_uri: client.client_uri } : {}),
    ...(client.policy_uri ? { policy_uri: client.policy_uri } : {}),
    ...(client.tos_uri ? { tos_uri: client.tos_uri } : {}),
  };
}

const SHOWN_FIELDS = [
  'client_name',
  'redirect_uris',
  'post_logout_redirect_uris',
  'scope',
  'grant_types',
  'response_types',
  'token_endpoint_auth_method',
  'require_pkce',
  'first_party',
  'access_token_ttl',
  'refresh_token_ttl',
];

function Settings({ client, onSaved, onSecret }: { client: ClientView; onSaved: (client: ClientView) => void; onSecret: (secret: string) => void }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const [form, setForm] = useState<FormState>(() => toForm(client));
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const errors = fieldErrors(error);
  const path = `/clients/${encodeURIComponent(client.client_id)}`;
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setSaved(false);
    setForm((current) => ({ ...current, [key]: value }));
  };
  const toggleGrant = (grant: string, on: boolean) =>
    set('grant_types', on ? [...form.grant_types.filter((g) => g !== grant), grant] : form.grant_types.filter((g) => g !== grant));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api.send<ClientView>('PUT', path, toMetadata(client, form));
      if (updated.client_secret) onSecret(updated.client_secret);
      onSaved(updated);
      setForm(toForm(updated));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const rotate = async () => {
    setActionError(undefined);
    try {
      const rotated = await api.send<ClientView>('POST', `${path}/secret`);
      if (rotated.client_secret) onSecret(rotated.client_secret);
    } catch (failure) {
      setActionError(failure);
    }
  };

  const remove = async () => {
    setActionError(undefined);
    try {
      await api.send('DELETE', path);
      navigate('/applications');
    } catch (failure) {
      setActionError(failure);
    }
  };

  return (
    <>
      <form onSubmit={submit} noValidate className="form" aria-label="Application settings">
        <Field label="Name" error={errors.client_name}>
          {(props) => <input {...props} type="text" value={form.client_name} onChange={(event) => set('client_name', event.target.value)} />}
        </Field>
        <Field label="Redirect URIs" hint="One per line; matched exactly." error={errors.redirect_uris}>
          {(props) => <textarea {...props} rows={3} value={form.redirect_uris} onChange={(event) => set('redirect_uris', event.target.value)} />}
        </Field>
        <Field label="Post-logout redirect URIs" hint="One per line." error={errors.post_logout_redirect_uris}>
          {(props) => <textarea {...props} rows={2} value={form.post_logout_redirect_uris} onChange={(event) => set('post_logout_redirect_uris', event.target.value)} />}
        </Field>
        <Field label="Scopes" hint="Space-separated." error={errors.scope}>
          {(props) => <input {...props} type="text" value={form.scope} onChange={(event) => set('scope', event.target.value)} />}
        </Field>
        <fieldset className={`checks${errors.grant_types || errors.response_types ? ' has-error' : ''}`}>
          <legend>Grant types</legend>
          {Object.entries(GRANT_LABELS).map(([grant, label]) => (
            <label key={grant}>
              <input type="checkbox" checked={form.grant_types.includes(grant)} onChange={(event) => toggleGrant(grant, event.target.checked)} /> {label}
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
            <select
              {...props}
              value={form.token_endpoint_auth_method}
              onChange={(event) => set('token_endpoint_auth_method', event.target.value as FormState['token_endpoint_auth_method'])}
            >
              <option value="none">None (public client)</option>
              <option value="client_secret_basic">Client secret (HTTP Basic)</option>
              <option value="client_secret_post">Client secret (form body)</option>
            </select>
          )}
        </Field>
        <div className="checks">
          <label>
            <input type="checkbox" checked={form.require_pkce} onChange={(event) => set('require_pkce', event.target.checked)} /> Require PKCE
          </label>
          {errors.require_pkce && <p className="field-error">{errors.require_pkce}</p>}
          <label>
            <input type="checkbox" checked={form.first_party} onChange={(event) => set('first_party', event.target.checked)} /> First-party (no consent screen)
          </label>
        </div>
        <div className="row">
          <Field label="Access token lifetime (seconds)" hint="Empty: server default." error={errors.access_token_ttl}>
            {(props) => <input {...props} type="number" min={30} inputMode="numeric" value={form.access_token_ttl} onChange={(event) => set('access_token_ttl', event.target.value)} />}
          </Field>
          <Field label="Refresh token lifetime (seconds)" hint="Empty: server default." error={errors.refresh_token_ttl}>
            {(props) => <input {...props} type="number" min={60} inputMode="numeric" value={form.refresh_token_ttl} onChange={(event) => set('refresh_token_ttl', event.target.value)} />}
          </Field>
        </div>
        <OtherErrors errors={errors} shown={SHOWN_FIELDS} />
        <ErrorBanner error={error} />
        {saved && <Notice>Saved.</Notice>}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
      <section className="panel" aria-labelledby="credentials-title">
        <h2 id="credentials-title">Credentials</h2>
        <p>
          Created {formatDate(client.created_at)} · updated {formatDate(client.updated_at)}
        </p>
        {isConfidential(client) ? (
          <>
            <p>The secret is stored hashed and cannot be shown again. Rotating makes the old one stop working at once.</p>
            <ConfirmAction label="Rotate secret" question="Rotate the secret? The current one stops working now." confirmLabel="Rotate now" onConfirm={rotate} />
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
        <section className="panel danger-zone" aria-labelledby="danger-title">
          <h2 id="danger-title">Delete application</h2>
          <p>Its tokens stop being accepted for new requests and it can no longer sign anyone in.</p>
          <ConfirmAction label="Delete application" question={`Delete “${client.client_name}”? This cannot be undone.`} confirmLabel="Delete permanently" onConfirm={remove} />
        </section>
      )}
      <ErrorBanner error={actionError} />
    </>
  );
}
