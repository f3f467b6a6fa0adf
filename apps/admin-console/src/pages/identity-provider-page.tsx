import { useState } from 'react';
import type { IdentityProviderView } from '@app/contracts';
import { ConfirmAction, CopyButton, formatDate, Loading, Notice } from '../components';
import { ErrorBanner, useSubmission } from '../forms';
import { useCan } from '../permissions';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import { IdentityProviderForm } from './identity-provider-form';
import { guessTemplate, typeLabel } from './identity-provider-templates';
import { changedInput, providerForm } from './identity-provider-values';
import type { TemplateChoice } from './identity-provider-templates';
import type { ProviderFormState } from './identity-provider-values';

/** What the upstream must list as an allowed redirect URI for this provider's sign-ins to come back. */
const WHERE_TO_REGISTER: Record<TemplateChoice, string> = {
  'entra-id': 'In Entra ID: App registrations → your app → Authentication → Web → Redirect URIs.',
  'google-workspace': 'In Google Cloud: APIs & Services → Credentials → your OAuth client → Authorized redirect URIs.',
  okta: 'In Okta: Applications → your app → General → Sign-in redirect URIs.',
  '': 'Add it to the redirect URIs of the client registered for this server at the provider.',
  'active-directory': '',
  openldap: '',
};

function RedirectUri({ uri, template }: { uri: string; template: TemplateChoice }) {
  return (
    <section className="panel secret-panel" aria-labelledby="redirect-uri-title">
      <h2 id="redirect-uri-title">Redirect URI to register upstream</h2>
      <p>The upstream sends people back here after they sign in; it refuses any redirect URI it does not list. {WHERE_TO_REGISTER[template]}</p>
      <div className="secret-row">
        <code data-testid="redirect-uri">{uri}</code>
        <CopyButton value={uri} label="Copy redirect URI" />
      </div>
    </section>
  );
}

function ProviderDeletion({ provider, onDelete }: { provider: IdentityProviderView; onDelete: () => Promise<void> }) {
  return (
    <section className="panel danger-zone" aria-labelledby="provider-danger-title">
      <h2 id="provider-danger-title">Delete provider</h2>
      <p>People it signed in keep their accounts here (without a password); the group memberships it managed end.</p>
      <ConfirmAction label="Delete provider" question={`Delete “${provider.display_name}”? This cannot be undone.`} confirmLabel="Delete permanently" onConfirm={onDelete} />
    </section>
  );
}

/** One identity provider: the redirect URI for OIDC, its settings (editable with `providers:write`), its deletion. */
export function IdentityProviderPage({ id }: { id: string }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const canWrite = useCan('providers:write');
  const path = `/identity-providers/${encodeURIComponent(id)}`;
  const { data: view, error: loadError, setData: setView } = useResource<IdentityProviderView>(path);
  const action = useSubmission();
  const [saved, setSaved] = useState(false);

  if (loadError || !view) {
    return (
      <section>
        <p className="crumbs">
          <Link to="/providers">Sign-in providers</Link>
        </p>
        {loadError ? <ErrorBanner error={loadError} /> : <Loading />}
      </section>
    );
  }
  const template = guessTemplate(view);
  const initial = providerForm(view, template);
  const save = async (values: ProviderFormState) => {
    setSaved(false);
    setView(await api.send<IdentityProviderView>('PATCH', path, changedInput(initial, values)));
    setSaved(true);
  };
  const remove = () =>
    action.run(async () => {
      await api.send('DELETE', path);
      navigate('/providers');
    });
  return (
    <section>
      <p className="crumbs">
        <Link to="/providers">Sign-in providers</Link> / {view.name}
      </p>
      <h1>{view.display_name}</h1>
      <p className="subtitle">
        {typeLabel(view.type)} · <code>{view.name}</code> · {view.enabled ? 'enabled' : 'disabled'} · updated {formatDate(view.updated_at)}
      </p>
      {view.redirect_uri && <RedirectUri uri={view.redirect_uri} template={template} />}
      {/* Remounted after each save, so the form starts again from what the server stored (and the secret field is empty). */}
      <IdentityProviderForm key={view.updated_at} initial={initial} creating={false} secretSet={view.secret_set} readOnly={!canWrite} label="Save changes" onSubmit={save} />
      {saved && <Notice>Saved.</Notice>}
      {canWrite && <ProviderDeletion provider={view} onDelete={remove} />}
      <ErrorBanner error={action.error} />
    </section>
  );
}
