import { useState } from 'react';
import type { ClientView, Page } from '@app/contracts';
import { Loading } from '../components';
import { ErrorBanner, Field } from '../forms';
import { GRANT, useSupportedGrants } from '../grant-types';
import { useRouter } from '../router';
import { useResource } from '../use-resource';
import { AuthorizationCodeFlow } from './authorization-code-flow';
import { ClientCredentialsFlow } from './client-credentials-flow';
import { DeviceCodeFlow } from './device-code-flow';
import { takePendingFlow } from './oauth';
import type { PendingFlow } from './oauth';

/** The flows the playground can run, each offered where both the server and the application allow its grant. */
const FLOWS = [
  { grant: GRANT.code, label: 'Authorization code + PKCE' },
  { grant: GRANT.clientCredentials, label: 'Client credentials' },
  { grant: GRANT.device, label: 'Device code' },
] as const;
type Grant = (typeof FLOWS)[number]['grant'];

/** Runs an application's flow step by step against this server, showing every value that travels. */
export function PlaygroundPage() {
  const { search } = useRouter();
  const supported = useSupportedGrants();
  const [resumed] = useState<PendingFlow | undefined>(takePendingFlow);
  const { data, error, setData } = useResource<Page<ClientView>>('/clients?limit=100');
  const [clientId, setClientId] = useState(resumed?.clientId ?? search.get('client_id') ?? '');
  const [grant, setGrant] = useState<Grant | undefined>(resumed ? GRANT.code : undefined);
  const clients = data?.items;

  const client = clients?.find((candidate) => candidate.client_id === clientId);
  const flows = FLOWS.filter((flow) => supported.includes(flow.grant) && client?.grant_types.includes(flow.grant));
  const active = flows.find((flow) => flow.grant === grant) ?? flows[0];
  const replaceClient = (updated: ClientView) =>
    setData((page) => page && { ...page, items: page.items.map((item) => (item.client_id === updated.client_id ? updated : item)) });

  return (
    <section>
      <div className="page-head">
        <h1>Flow playground</h1>
      </div>
      <p>Pick an application and run its sign-in flow against this server, one step at a time. Secrets you type stay in this page's memory.</p>
      <ErrorBanner error={error} />
      {!clients && !error && <Loading />}
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
          {active.grant === GRANT.code && (
            <AuthorizationCodeFlow key={client.client_id} client={client} resumed={resumed?.clientId === client.client_id ? resumed : undefined} onClientChanged={replaceClient} />
          )}
          {active.grant === GRANT.clientCredentials && <ClientCredentialsFlow key={client.client_id} client={client} />}
          {active.grant === GRANT.device && <DeviceCodeFlow key={client.client_id} client={client} />}
        </>
      )}
    </section>
  );
}
