import { useState } from 'react';
import type { IdentityProviderView } from '@app/contracts';
import { ListTable } from '../list-table';
import type { Column } from '../list-table';
import { Loading } from '../components';
import { ErrorBanner } from '../forms';
import { PageHead } from '../list-page';
import { useCan } from '../permissions';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import { IdentityProviderForm } from './identity-provider-form';
import { typeLabel } from './identity-provider-templates';
import { creationInput, newProviderForm } from './identity-provider-values';
import type { ProviderFormState } from './identity-provider-values';

const COLUMNS: Column<IdentityProviderView>[] = [
  { label: 'Name', cell: (provider) => <Link to={`/providers/${encodeURIComponent(provider.id)}`}>{provider.name}</Link> },
  { label: 'Display name', cell: (provider) => provider.display_name },
  { label: 'Type', cell: (provider) => typeLabel(provider.type) },
  { label: 'Enabled', cell: (provider) => <span className={`status ${provider.enabled ? 'active' : 'retired'}`}>{provider.enabled ? 'Enabled' : 'Disabled'}</span> },
];

/** Creates a provider, then opens its page (where the redirect URI to register upstream is shown). */
function CreateProvider({ onCancel }: { onCancel: () => void }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const create = async (values: ProviderFormState) => {
    const created = await api.send<IdentityProviderView>('POST', '/identity-providers', creationInput(values));
    navigate(`/providers/${encodeURIComponent(created.id)}`);
  };
  return (
    <section className="panel wide" aria-labelledby="new-provider-title">
      <h2 id="new-provider-title">Add sign-in provider</h2>
      <IdentityProviderForm initial={newProviderForm('oidc', 'entra-id')} creating label="Add provider" onSubmit={create}>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </IdentityProviderForm>
    </section>
  );
}

/** Every identity provider (upstream OpenID Providers and LDAP directories); `providers:write` adds one. */
export function IdentityProvidersPage() {
  const providers = useResource<{ items: IdentityProviderView[] }>('/identity-providers');
  const canWrite = useCan('providers:write');
  const [creating, setCreating] = useState(false);
  const items = providers.data?.items;
  return (
    <section>
      <PageHead title="Sign-in providers">
        {canWrite && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            Add provider
          </button>
        )}
      </PageHead>
      <p>People sign in here with the organization’s existing accounts: through an OpenID Connect provider’s button (or their e-mail domain), or with their directory password checked against LDAP.</p>
      {creating && <CreateProvider onCancel={() => setCreating(false)} />}
      <ErrorBanner error={providers.error} />
      {providers.loading && <Loading />}
      {items && items.length === 0 && <p className="empty">No sign-in providers yet: people sign in with local passwords only.</p>}
      {items && items.length > 0 && <ListTable items={items} columns={COLUMNS} rowKey={(provider) => provider.id} />}
    </section>
  );
}
