import { useState } from 'react';
import type { ApiView } from '@app/contracts';
import { ConfirmAction, formatDate, Loading, Notice, SecretPanel } from '../components';
import { ErrorBanner, useSubmission } from '../forms';
import { takeSecret } from '../one-time-secret';
import { useCan } from '../permissions';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import { ApiClientsCard } from './api-clients-card';
import { ApiForm } from './api-form';
import type { ApiFormInput } from './api-form';

export function ApiPage({ id }: { id: string }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const canWrite = useCan('apis:write');
  const path = `/apis/${encodeURIComponent(id)}`;
  const { data: view, error: loadError, setData: setView } = useResource<ApiView>(path);
  const action = useSubmission();
  const [secret, setSecret] = useState<string | undefined>(() => takeSecret(id));
  const [saved, setSaved] = useState(false);

  const save = async (input: ApiFormInput) => {
    setSaved(false);
    setView(await api.send<ApiView>('PATCH', path, input));
    setSaved(true);
  };
  const rotate = () =>
    action.run(async () => {
      const rotated = await api.send<ApiView>('POST', `${path}/secret`);
      if (rotated.client_secret) setSecret(rotated.client_secret);
    });
  const remove = () =>
    action.run(async () => {
      await api.send('DELETE', path);
      navigate('/apis');
    });

  if (loadError || !view) {
    return (
      <section>
        <p className="crumbs">
          <Link to="/apis">APIs</Link>
        </p>
        {loadError ? <ErrorBanner error={loadError} /> : <Loading />}
      </section>
    );
  }
  return (
    <section>
      <p className="crumbs">
        <Link to="/apis">APIs</Link> / {view.name}
      </p>
      <h1>{view.name}</h1>
      <p className="subtitle">
        Introspection client ID <code data-testid="api-client-id">{view.client_id}</code>
      </p>
      {secret && <SecretPanel secret={secret} onDone={() => setSecret(undefined)} />}
      <ApiForm key={view.updated_at} api={view} label="Save changes" onSubmit={save} readOnly={!canWrite} />
      {saved && <Notice>Saved.</Notice>}
      {/* Its scopes and allowed clients decide the list: read again after each save. */}
      <ApiClientsCard key={`callers ${view.updated_at}`} apiId={view.id} />
      <section className="panel" aria-labelledby="api-credentials-title">
        <h2 id="api-credentials-title">Introspection credentials</h2>
        <p>
          Created {formatDate(view.created_at)} · updated {formatDate(view.updated_at)}. The API authenticates with this client ID and secret at the
          introspection endpoint. The secret is stored hashed and cannot be shown again.
        </p>
        {canWrite && <ConfirmAction label="Rotate secret" question="Rotate the API's secret? The current one stops working now." confirmLabel="Rotate now" onConfirm={rotate} />}
      </section>
      {canWrite && (
        <section className="panel danger-zone" aria-labelledby="api-danger-title">
          <h2 id="api-danger-title">Delete API</h2>
          <p>Clients can no longer request tokens for it; tokens already issued stay valid until they expire.</p>
          <ConfirmAction label="Delete API" question={`Delete “${view.name}”? This cannot be undone.`} confirmLabel="Delete permanently" onConfirm={remove} />
        </section>
      )}
      <ErrorBanner error={action.error} />
    </section>
  );
}
