import { useState } from 'react';
import type { ConsentView, SessionView, UserView } from '@app/contracts';
import { ConfirmAction, formatDate, Loading, Notice } from '../components';
import { ErrorBanner, useSubmission } from '../forms';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import { PasswordForm, RolesForm } from './person-forms';

export function PersonPage({ userId }: { userId: string }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const path = `/users/${encodeURIComponent(userId)}`;
  const personResource = useResource<UserView>(path);
  const sessionsResource = useResource<{ items: SessionView[] }>(`${path}/sessions`);
  const consentsResource = useResource<{ items: ConsentView[] }>(`${path}/consents`);
  const action = useSubmission();
  const [notice, setNotice] = useState<string>();
  const person = personResource.data;
  // Sessions and consents are extras: when they cannot be read, the page says so instead of failing.
  const sessions = sessionsResource.error ? undefined : sessionsResource.data?.items;
  const consents = consentsResource.error ? undefined : consentsResource.data?.items;
  const error = action.error ?? personResource.error;

  const reload = () => {
    personResource.reload();
    sessionsResource.reload();
    consentsResource.reload();
  };
  const act = (work: () => Promise<unknown>, done: string) =>
    action.run(async () => {
      setNotice(undefined);
      await work();
      setNotice(done);
      reload();
    });

  if (!person) {
    return (
      <section>
        <p className="crumbs">
          <Link to="/people">People</Link>
        </p>
        {error ? <ErrorBanner error={error} /> : <Loading />}
      </section>
    );
  }
  return (
    <section>
      <p className="crumbs">
        <Link to="/people">People</Link> / {person.username}
      </p>
      <h1>{person.name ?? person.username}</h1>
      <p className="subtitle">
        {person.username}
        {person.email ? ` · ${person.email}` : ''} · <span className={`status ${person.disabled ? 'retired' : 'active'}`}>{person.disabled ? 'disabled' : 'active'}</span>
      </p>
      {notice && <Notice>{notice}</Notice>}
      <ErrorBanner error={error} />
      <RolesForm person={person} onSave={(roles) => act(() => api.send('PATCH', path, { roles }), 'Roles saved.')} />
      <PasswordForm onSave={(password) => api.send('POST', `${path}/password`, { password }).then(() => setNotice('Password changed.'))} />
      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sign-in sessions</h2>
        {sessions === undefined && <p>Not available.</p>}
        {sessions && sessions.length === 0 && <p>No active sessions.</p>}
        {sessions && sessions.length > 0 && (
          <>
            <ul className="plain">
              {sessions.map((session) => (
                <li key={session.id}>
                  Signed in {formatDate(session.auth_time)}, expires {formatDate(session.expires_at)}
                </li>
              ))}
            </ul>
            <ConfirmAction label="Sign out everywhere" question="End every session of this person?" confirmLabel="End sessions" onConfirm={() => act(() => api.send('DELETE', `${path}/sessions`), 'Sessions ended.')} />
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="consents-title">
        <h2 id="consents-title">Consents</h2>
        {consents === undefined && <p>Not available.</p>}
        {consents && consents.length === 0 && <p>No consents given.</p>}
        {consents && consents.length > 0 && (
          <>
            <ul className="plain">
              {consents.map((consent) => (
                <li key={consent.client_id}>
                  <code>{consent.client_id}</code>: {consent.scopes.join(' ')} (since {formatDate(consent.created_at)})
                </li>
              ))}
            </ul>
            <ConfirmAction label="Revoke consents" question="Revoke every consent this person gave?" confirmLabel="Revoke" onConfirm={() => act(() => api.send('DELETE', `${path}/consents`), 'Consents revoked.')} />
          </>
        )}
      </section>
      <section className="panel danger-zone" aria-labelledby="account-title">
        <h2 id="account-title">Account</h2>
        <div className="actions">
          <ConfirmAction
            label={person.disabled ? 'Enable' : 'Disable'}
            question={person.disabled ? 'Let this person sign in again?' : 'Stop this person from signing in?'}
            confirmLabel={person.disabled ? 'Enable' : 'Disable'}
            danger={!person.disabled}
            onConfirm={() => act(() => api.send('PATCH', path, { disabled: !person.disabled }), person.disabled ? 'Enabled.' : 'Disabled.')}
          />
          <ConfirmAction
            label="Delete person"
            question={`Delete ${person.username}? This cannot be undone.`}
            confirmLabel="Delete permanently"
            onConfirm={() =>
              action.run(async () => {
                await api.send('DELETE', path);
                navigate('/people');
              })
            }
          />
        </div>
      </section>
    </section>
  );
}
