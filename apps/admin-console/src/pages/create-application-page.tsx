import { FormEvent, useState } from 'react';
import type { ClientView } from '@app/contracts';
import { ErrorBanner, Field, fieldErrors } from '../components';
import { ApplicationKind, KINDS, presetOf } from '../application-types';
import { keepSecret } from '../one-time-secret';
import { Link, useRouter } from '../router';
import { useSession } from '../session';

export function CreateApplicationPage() {
  const { api } = useSession();
  const { navigate } = useRouter();
  const [kind, setKind] = useState<ApplicationKind>('spa');
  const [name, setName] = useState('');
  const [redirects, setRedirects] = useState('');
  const [postLogout, setPostLogout] = useState('');
  const [scope, setScope] = useState(presetOf('spa').defaults.scope ?? '');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const preset = presetOf(kind);
  const errors = fieldErrors(error);

  const chooseKind = (next: ApplicationKind) => {
    setKind(next);
    setScope(presetOf(next).defaults.scope ?? '');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.send<ClientView>('POST', '/clients', {
        ...preset.defaults,
        client_name: name.trim(),
        redirect_uris: preset.needsRedirect ? lines(redirects) : [],
        post_logout_redirect_uris: preset.needsRedirect ? lines(postLogout) : [],
        scope: scope.trim() || undefined,
      });
      if (created.client_secret) keepSecret(created.client_id, created.client_secret);
      navigate(`/applications/${encodeURIComponent(created.client_id)}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <p className="crumbs">
        <Link to="/applications">Applications</Link> / New
      </p>
      <h1>Create application</h1>
      <form onSubmit={submit} noValidate className="form">
        <fieldset className="kinds">
          <legend>What kind of application is it?</legend>
          {KINDS.map((option) => (
            <label key={option.kind} className={`kind${option.kind === kind ? ' selected' : ''}`}>
              <input type="radio" name="kind" value={option.kind} checked={option.kind === kind} onChange={() => chooseKind(option.kind)} />
              <span className="kind-label">{option.label}</span>
              <span className="kind-description">{option.description}</span>
            </label>
          ))}
        </fieldset>
        <Field label="Name" error={errors.client_name}>
          {(props) => <input {...props} type="text" required value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />}
        </Field>
        {preset.needsRedirect && (
          <>
            <Field label="Redirect URIs" hint={`One per line, exactly as your app sends them, e.g. ${preset.redirectExample}`} error={errors.redirect_uris}>
              {(props) => <textarea {...props} rows={3} value={redirects} onChange={(event) => setRedirects(event.target.value)} />}
            </Field>
            <Field label="Post-logout redirect URIs" hint="Optional. Where people may land after signing out, one per line." error={errors.post_logout_redirect_uris}>
              {(props) => <textarea {...props} rows={2} value={postLogout} onChange={(event) => setPostLogout(event.target.value)} />}
            </Field>
          </>
        )}
        <Field label="Scopes" hint="Space-separated scopes the application may request." error={errors.scope}>
          {(props) => <input {...props} type="text" value={scope} onChange={(event) => setScope(event.target.value)} autoComplete="off" />}
        </Field>
        <p className="summary">
          Grants: <strong>{(preset.defaults.grant_types ?? []).join(', ')}</strong> · Authentication:{' '}
          <strong>{preset.defaults.token_endpoint_auth_method === 'none' ? 'none (public client, PKCE)' : 'client secret'}</strong>
        </p>
        <OtherErrors errors={errors} shown={['client_name', 'redirect_uris', 'post_logout_redirect_uris', 'scope']} />
        <ErrorBanner error={error} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create application'}
          </button>
          <Link to="/applications" className="button secondary">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}

/** Field errors for inputs this form does not show (so nothing the server said gets lost). */
export function OtherErrors({ errors, shown }: { errors: Record<string, string>; shown: string[] }) {
  const rest = Object.entries(errors).filter(([field]) => !shown.includes(field));
  if (rest.length === 0) return null;
  return (
    <ul className="banner error" role="alert">
      {rest.map(([field, message]) => (
        <li key={field}>
          <code>{field}</code>: {message}
        </li>
      ))}
    </ul>
  );
}

export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
