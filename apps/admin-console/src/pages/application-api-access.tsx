import { useState } from 'react';
import type { ApiView, ClientView } from '@app/contracts';
import { Loading, Notice } from '../components';
import { ErrorBanner, useSubmission } from '../forms';
import { useCan } from '../permissions';
import { useSession } from '../session';
import { ApiScopePicker } from './api-scope-picker';
import { admitToApis, apisHeld, splitScope, useApiCatalog } from './api-scopes';

/**
 * Which APIs an application with client credentials may call, and with which of their scopes. Saved into
 * the application's `scope`; its sign-in and server scopes are kept as they are.
 */
export function ApplicationApiAccess({ client, onSaved }: { client: ClientView; onSaved: (client: ClientView) => void }) {
  const { apis, truncated, error, reload } = useApiCatalog();
  // Kept out here: the form starts again from each saved version of the application.
  const [saved, setSaved] = useState(false);
  return (
    <section className="panel wide" aria-labelledby="api-access-title">
      <h2 id="api-access-title">API access</h2>
      <ErrorBanner error={error} />
      {!apis && !error && <Loading />}
      {apis && (
        <ApiAccessForm
          key={client.updated_at}
          client={client}
          apis={apis}
          truncated={truncated}
          onEdit={() => setSaved(false)}
          onSaved={(updated) => {
            // Allowed-client lists it was added to changed too.
            reload();
            onSaved(updated);
            setSaved(true);
          }}
        />
      )}
      {saved && <Notice>API access saved.</Notice>}
    </section>
  );
}

function ApiAccessForm({ client, apis, truncated, onEdit, onSaved }: { client: ClientView; apis: ApiView[]; truncated: boolean; onEdit: () => void; onSaved: (client: ClientView) => void }) {
  const { api } = useSession();
  const canWrite = useCan('clients:write');
  const canAdmit = useCan('apis:write');
  const initial = splitScope(client.scope, apis);
  const [selected, setSelected] = useState(initial.apiScopes);
  const submission = useSubmission();
  const held = apisHeld(apis, initial.apiScopes);

  const save = async () => {
    const scope = [...initial.others, ...selected].join(' ');
    const updated = await api.send<ClientView>('PATCH', `/clients/${encodeURIComponent(client.client_id)}`, { scope });
    if (canAdmit) await admitToApis(api, client.client_id, apis, selected);
    onSaved(updated);
  };

  return (
    <form onSubmit={submission.onSubmit(save)} noValidate className="form" aria-label="API access">
      {held.length === 0 ? (
        <p className="hint-box" data-testid="api-access-prompt">
          This application may not call any API yet: pick the API it calls and the scopes it needs, then save.
        </p>
      ) : (
        <div data-testid="api-access-summary">
          <p>It requests tokens for these APIs with the identifier as <code>resource</code>:</p>
          <ul>
            {held.map((entry) => (
              <li key={entry.id}>
                {entry.name}: <code>{entry.identifier}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ApiScopePicker
        apis={apis}
        selected={selected}
        onChange={(scopes) => {
          setSelected(scopes);
          onEdit();
        }}
        truncated={truncated}
        error={submission.fieldErrors.scope}
        disabled={!canWrite}
      />
      <ErrorBanner error={submission.error} />
      {canWrite && (
        <div className="actions">
          <button type="submit" disabled={submission.busy}>
            {submission.busy ? 'Saving…' : 'Save API access'}
          </button>
        </div>
      )}
    </form>
  );
}
