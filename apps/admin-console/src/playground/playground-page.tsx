import { useEffect, useState } from 'react';
import type { ClientView, Page } from '@app/contracts';
import { ErrorBanner, Field } from '../components';
import { useRouter } from '../router';
import { useSession } from '../session';
import { AuthorizationCodeFlow } from './authorization-code-flow';
import { ClientCredentialsFlow } from './client-credentials-flow';
import { DeviceCodeFlow } from './device-code-flow';
import { PendingFlow, takePendingFlow } from './oauth';

const FLOWS = [
  { grant: 'authorization_code', label: 'Authorization code + PKCE' },
  { grant: 'client_credentials', label: 'Client credentials' },
  { grant: 'urn:ietf:params:oauth:grant-type:device_code', label: 'Device code' },
] as const;
type Grant = (typeof FLOWS)[number]['grant'];

/** Runs an application's flow step by step against this server, showing every value that travels. */
export function PlaygroundPage() {
  const { api } = useSession();
  const { search } = useRouter();
  const [resumed] = useState<PendingFlow | undefined>(takePendingFlow);
  const [clients, setClients] = useState<ClientView[]>();
  const [clientId, setClientId] = useState(resumed?.clientId ?? search.get('client_id') ?? '');
  const [grant, setGrant] = useState<Grant | undefined>(resumed ? 'authorization_code' : undefined);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    api.get<Page<ClientView>>('/clients?limit=100').then((page) => setClients(page.items), setError);
  }, [api]);

  const client = clients?.find((candidate) => candidate.client_id === clientId);
  const flows = FLOWS.filter((flow) => client?.grant_types.includes(flow.grant));
  const active = flows.find((flow) => flow.grant === grant) ?? flows[0];
  const replaceClient = (updated: ClientView) => setClients((list) => list?.map((item) => (item.client_id === updated.client_id ? updated : item)));

  return (
    <section>
      <div className="page-head">
        <h1>Flow playground</h1>
      </div>
      <p>Pick an application and run its sign-in flow against this server, one step at a time. Secrets you type stay in this page's memory.</p>
      <ErrorBanner error={error} />
      {!clients && !error && <p aria-busy="true">Loading…</p>}
      {clients && (
        <Field label="Application">
          {(props) => (
            <select {...props} value={clientId} onChange={(event) => setClientId(event.target.value)}>
              <option value="">Choose an application…</option>
              {clients.map((item) => (
                <option key={item.client_id} value={item.client_id}>
                  {item.client_name} ({item.client_id})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {client && flows.length === 0 && <p className="empty">This application has no grant the playground can run.</p>}
      {client && active && (
        <>
          <div className="segmented" role="group" aria-label="Flow">
            {flows.map((flow) => (
              <button key={flow.grant} type="button" className={flow === active ? '' : 'secondary'} aria-pressed={flow === active} onClick={() => setGrant(flow.grant)}>
                {flow.label}
              </button>
            ))}
          </div>
          {active.grant === 'authorization_code' && (
            <AuthorizationCodeFlow key={client.client_id} client={client} resumed={resumed?.clientId === client.client_id ? resumed : undefined} onClientChanged={replaceClient} />
          )}
          {active.grant === 'client_credentials' && <ClientCredentialsFlow key={client.client_id} client={client} />}
          {active.grant === 'urn:ietf:params:oauth:grant-type:device_code' && <DeviceCodeFlow key={client.client_id} client={client} />}
        </>
      )}
    </section>
  );
}
