import { useCallback, useEffect, useState } from 'react';
import type { SigningKeyView } from '@app/contracts';
import { ConfirmAction, ErrorBanner, formatDate, Notice } from '../components';
import { useSession } from '../session';

export function KeysPage() {
  const { api } = useSession();
  const [keys, setKeys] = useState<SigningKeyView[]>();
  const [error, setError] = useState<unknown>();
  const [rotated, setRotated] = useState<string>();

  const load = useCallback(() => {
    api.get<{ items: SigningKeyView[] }>('/keys').then((page) => setKeys(page.items), setError);
  }, [api]);
  useEffect(load, [load]);

  const rotate = async () => {
    setError(undefined);
    try {
      const key = await api.send<SigningKeyView>('POST', '/keys/rotate', {});
      setRotated(key.kid);
      load();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>Signing keys</h1>
        <ConfirmAction
          label="Rotate signing key"
          question="Create a new signing key? New tokens are signed with it; the current key stays published until its tokens expire."
          confirmLabel="Rotate now"
          danger={false}
          onConfirm={rotate}
        />
      </div>
      <p>
        Tokens are signed with the active key. When it is not RS256, an RS256 key is kept beside it for the ID tokens of
        applications that ask for RS256, as OpenID Connect requires. A rotation replaces both. Retired keys stay in the
        JWKS until every token they signed has expired.
      </p>
      {rotated && <Notice>New active key {rotated}.</Notice>}
      <ErrorBanner error={error} />
      {!keys && !error && <p aria-busy="true">Loading…</p>}
      {keys && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Key ID</th>
              <th scope="col">Algorithm</th>
              <th scope="col">Signs</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Retired</th>
              <th scope="col">Leaves the JWKS</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.kid}>
                <td data-label="Key ID">
                  <code>{key.kid}</code>
                </td>
                <td data-label="Algorithm">{key.alg}</td>
                <td data-label="Signs">{key.purpose === 'id_token' ? 'ID tokens' : 'Access and ID tokens'}</td>
                <td data-label="Status">
                  <span className={`status ${key.status}`}>{key.status}</span>
                </td>
                <td data-label="Created">{formatDate(key.created_at)}</td>
                <td data-label="Retired">{formatDate(key.retired_at)}</td>
                <td data-label="Leaves the JWKS">{formatDate(key.expires_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
