import { useState } from 'react';
import type { SigningKeyView } from '@app/contracts';
import { ConfirmAction, formatDate, Loading, Notice } from '../components';
import { ErrorBanner, useSubmission } from '../forms';
import { PageHead } from '../list-page';
import { ListTable } from '../list-table';
import type { Column } from '../list-table';
import { useCan } from '../permissions';
import { useSession } from '../session';
import { useResource } from '../use-resource';

const COLUMNS: Column<SigningKeyView>[] = [
  { label: 'Key ID', cell: (key) => <code>{key.kid}</code> },
  { label: 'Algorithm', cell: (key) => key.alg },
  { label: 'Signs', cell: (key) => (key.purpose === 'id_token' ? 'ID tokens' : 'Access and ID tokens') },
  { label: 'Status', cell: (key) => <span className={`status ${key.status}`}>{key.status}</span> },
  { label: 'Created', cell: (key) => formatDate(key.created_at) },
  { label: 'Retired', cell: (key) => formatDate(key.retired_at) },
  { label: 'Leaves the JWKS', cell: (key) => formatDate(key.expires_at) },
];

export function KeysPage() {
  const { api } = useSession();
  const { data, error: loadError, reload } = useResource<{ items: SigningKeyView[] }>('/keys');
  const action = useSubmission();
  const canRotate = useCan('keys:write');
  const [rotated, setRotated] = useState<string>();
  const keys = data?.items;
  const error = action.error ?? loadError;

  const rotate = () =>
    action.run(async () => {
      const key = await api.send<SigningKeyView>('POST', '/keys/rotate', {});
      setRotated(key.kid);
      reload();
    });

  return (
    <section>
      <PageHead title="Signing keys">
        {canRotate && (
          <ConfirmAction
            label="Rotate signing key"
            question="Create a new signing key? New tokens are signed with it; the current key stays published until its tokens expire."
            confirmLabel="Rotate now"
            danger={false}
            onConfirm={rotate}
          />
        )}
      </PageHead>
      <p>
        Tokens are signed with the active key. When it is not RS256, an RS256 key is kept beside it for the ID tokens of
        applications that ask for RS256, as OpenID Connect requires. A rotation replaces both. Retired keys stay in the
        JWKS until every token they signed has expired.
      </p>
      {rotated && <Notice>New active key {rotated}.</Notice>}
      <ErrorBanner error={error} />
      {!keys && !error && <Loading />}
      {keys && <ListTable items={keys} columns={COLUMNS} rowKey={(key) => key.kid} />}
    </section>
  );
}
