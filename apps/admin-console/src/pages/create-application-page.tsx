import type { ClientView } from '@app/contracts';
import { kindsSupported, registrationFor } from '../application-types';
import type { ApplicationKind, KindPreset } from '../application-types';
import { ErrorBanner, Field, lines, OtherErrors, useFormValues, useSubmission, words } from '../forms';
import { Loading } from '../components';
import { useCan } from '../permissions';
import { useSupportedGrants } from '../grant-types';
import { keepSecret } from '../one-time-secret';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { ApiScopePicker } from './api-scope-picker';
import { admitToApis, useApiCatalog } from './api-scopes';

const SHOWN_FIELDS = ['client_name', 'redirect_uris', 'post_logout_redirect_uris', 'scope'];

export function CreateApplicationPage() {
  const supported = useSupportedGrants();
  const kinds = kindsSupported(supported);
  const [first] = kinds;
  return (
    <section>
      <p className="crumbs">
        <Link to="/applications">Applications</Link> / New
      </p>
      <h1>Create application</h1>
      {first ? (
        <CreateApplicationForm kinds={kinds} initial={first} supported={supported} />
      ) : (
        <p className="empty">This server publishes no grant type the console can set up an application for.</p>
      )}
    </section>
  );
}

interface FormState {
  kind: ApplicationKind;
  name: string;
  redirects: string;
  postLogout: string;
  scope: string;
  /** Scopes of registered APIs, picked for a machine-to-machine application. */
  apiScopes: string[];
}

/** The kinds offered are the ones whose grants the server supports (its discovery document says which). */
function CreateApplicationForm({ kinds, initial, supported }: { kinds: KindPreset[]; initial: KindPreset; supported: string[] }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const form = useFormValues<FormState>({ kind: initial.kind, name: '', redirects: '', postLogout: '', scope: initial.defaults.scope ?? '', apiScopes: [] });
  const { values, set } = form;
  const submission = useSubmission();
  const errors = submission.fieldErrors;
  const preset = kinds.find((option) => option.kind === values.kind) ?? initial;
  const registration = registrationFor(preset, supported);
  // A machine-to-machine app is only useful with an API to call: it picks the API's scopes here.
  const picksApis = preset.kind === 'm2m';
  const catalog = useApiCatalog();
  const canAdmit = useCan('apis:write');

  const chooseKind = (next: KindPreset) => {
    set('kind', next.kind);
    set('scope', next.defaults.scope ?? '');
  };

  const create = async () => {
    const created = await api.send<ClientView>('POST', '/clients', {
      ...registration,
      client_name: values.name.trim(),
      redirect_uris: preset.needsRedirect ? lines(values.redirects) : [],
      post_logout_redirect_uris: preset.needsRedirect ? lines(values.postLogout) : [],
      scope: [...words(values.scope), ...(picksApis ? values.apiScopes : [])].join(' ') || undefined,
    });
    if (created.client_secret) keepSecret(created.client_id, created.client_secret);
    if (picksApis && canAdmit && catalog.apis) await admitToApis(api, created.client_id, catalog.apis, values.apiScopes);
    // Without an API to call, the access section is where it gets one.
    const landing = picksApis && values.apiScopes.length === 0 ? '/access' : '';
    navigate(`/applications/${encodeURIComponent(created.client_id)}${landing}`);
  };

  return (
    <form onSubmit={submission.onSubmit(create)} noValidate className="form">
      <fieldset className="kinds">
        <legend>What kind of application is it?</legend>
        {kinds.map((option) => (
          <label key={option.kind} className={`kind${option.kind === preset.kind ? ' selected' : ''}`}>
            <input type="radio" name="kind" value={option.kind} checked={option.kind === preset.kind} onChange={() => chooseKind(option)} />
            <span className="kind-label">{option.label}</span>
            <span className="kind-description">{option.description}</span>
          </label>
        ))}
      </fieldset>
      <Field label="Name" error={errors.client_name}>
        {(props) => <input {...props} type="text" required {...form.text('name')} autoComplete="off" />}
      </Field>
      {preset.needsRedirect && (
        <>
          <Field label="Redirect URIs" hint={`One per line, exactly as your app sends them, e.g. ${preset.redirectExample}`} error={errors.redirect_uris}>
            {(props) => <textarea {...props} rows={3} {...form.text('redirects')} />}
          </Field>
          <Field label="Post-logout redirect URIs" hint="Optional. Where people may land after signing out, one per line." error={errors.post_logout_redirect_uris}>
            {(props) => <textarea {...props} rows={2} {...form.text('postLogout')} />}
          </Field>
        </>
      )}
      {picksApis ? (
        <>
          <ErrorBanner error={catalog.error} />
          {catalog.apis ? (
            <ApiScopePicker apis={catalog.apis} selected={values.apiScopes} onChange={(scopes) => set('apiScopes', scopes)} truncated={catalog.truncated} error={errors.scope} />
          ) : (
            !catalog.error && <Loading />
          )}
        </>
      ) : (
        <Field label="Scopes" hint="Space-separated scopes the application may request." error={errors.scope}>
          {(props) => <input {...props} type="text" {...form.text('scope')} autoComplete="off" />}
        </Field>
      )}
      <p className="summary">
        Grants: <strong>{(registration.grant_types ?? []).join(', ')}</strong> · Authentication:{' '}
        <strong>{preset.defaults.token_endpoint_auth_method === 'none' ? 'none (public client, PKCE)' : 'client secret'}</strong>
      </p>
      <OtherErrors errors={errors} shown={SHOWN_FIELDS} />
      <ErrorBanner error={submission.error} />
      <div className="actions">
        <button type="submit" disabled={submission.busy}>
          {submission.busy ? 'Creating…' : 'Create application'}
        </button>
        <Link to="/applications" className="button secondary">
          Cancel
        </Link>
      </div>
    </form>
  );
}
