import { useState } from 'react';
import type { ClientView } from '@app/contracts';
import { Loading, SecretPanel } from '../components';
import { ErrorBanner } from '../forms';
import { takeSecret } from '../one-time-secret';
import { Link } from '../router';
import { useResource } from '../use-resource';
import { ApplicationAccess } from './application-access';
import { ApplicationSettings } from './application-settings';
import { QuickStart } from './quick-start';

export const APPLICATION_TABS = ['settings', 'access', 'quick-start'] as const;
export type ApplicationTab = (typeof APPLICATION_TABS)[number];

export function ApplicationPage({ clientId, tab }: { clientId: string; tab: ApplicationTab }) {
  const client = useResource<ClientView>(`/clients/${encodeURIComponent(clientId)}`);
  const [secret, setSecret] = useState<string | undefined>(() => takeSecret(clientId));
  const base = `/applications/${encodeURIComponent(clientId)}`;

  if (client.error) {
    return (
      <section>
        <p className="crumbs">
          <Link to="/applications">Applications</Link>
        </p>
        <ErrorBanner error={client.error} />
      </section>
    );
  }
  if (!client.data) return <Loading />;
  const view = client.data;
  return (
    <section>
      <p className="crumbs">
        <Link to="/applications">Applications</Link> / {view.client_name}
      </p>
      <h1>{view.client_name}</h1>
      <p className="subtitle">
        Client ID <code data-testid="client-id">{view.client_id}</code>
      </p>
      {secret && <SecretPanel secret={secret} onDone={() => setSecret(undefined)} />}
      <nav className="tabs" aria-label="Application">
        <Link to={base} current={tab === 'settings'}>
          Settings
        </Link>
        <Link to={`${base}/access`} current={tab === 'access'}>
          Access
        </Link>
        <Link to={`${base}/quick-start`} current={tab === 'quick-start'}>
          Quick start
        </Link>
      </nav>
      {tab === 'settings' && <ApplicationSettings client={view} onSaved={client.setData} onSecret={setSecret} />}
      {/* Each tab starts from the application as it is when opened, so a save on one shows on the other. */}
      {tab === 'access' && <ApplicationAccess client={view} onSaved={client.setData} />}
      {tab === 'quick-start' && <QuickStart client={view} />}
    </section>
  );
}
