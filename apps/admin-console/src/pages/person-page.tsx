import { FormEvent, useCallback, useEffect, useState } from 'react';
import type { ConsentView, SessionView, UserView } from '@app/contracts';
import { ConfirmAction, ErrorBanner, Field, fieldErrors, formatDate, Notice } from '../components';
import { Link, useRouter } from '../router';
import { useSession } from '../session';

export function PersonPage({ userId }: { userId: string }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const path = `/users/${encodeURIComponent(userId)}`;
  const [person, setPerson] = useState<UserView>();
  const [sessions, setSessions] = useState<SessionView[]>();
  const [consents, setConsents] = useState<ConsentView[]>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(() => {
    api.get<UserView>(path).then(setPerson, setError);
    api.get<{ items: SessionView[] }>(`${path}/sessions`).then((page) => setSessions(page.items), () => setSessions(undefined));
    api.get<{ items: ConsentView[] }>(`${path}/consents`).then((page) => setConsents(page.items), () => setConsents(undefined));
  }, [api, path]);
  useEffect(load, [load]);

  const act = async (action: () => Promise<unknown>, done: string) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await action();
      setNotice(done);
      load();
    } catch (failure) {
      setError(failure);
    }
  };

  if (!person) {
    return (
      <section>
        <p className="crumbs">
          <Link to="/people">People</Link>
        </p>
        {error ? <ErrorBanner error={error} /> : <p aria-busy="true">Loading…</p>}
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
            onConfirm={async () => {
              try {
                await api.send('DELETE', path);
                navigate('/people');
              } catch (failure) {
                setError(failure);
              }
            }}
          />
        </div>
      </section>
    </section>
  );
}

function RolesForm({ person, onSave }: { person: UserView; onSave: (roles: string[]) => Promise<void> }) {
  const [roles, setRoles] = useState(person.roles.join(', '));
  useEffect(() => setRoles(person.roles.join(', ')), [person.roles]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSave(roles.split(/[\s,]+/).filter(Boolean));
  };
  return (
    <form className="form panel" onSubmit={submit} aria-label="Roles">
      <Field label="Roles" hint="Comma or space separated. The admin role opens this console.">
        {(props) => <input {...props} type="text" value={roles} onChange={(event) => setRoles(event.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit">Save roles</button>
      </div>
    </form>
  );
}

function PasswordForm({ onSave }: { onSave: (password: string) => Promise<void> }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await onSave(password);
      setPassword('');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-label="Reset password">
      <Field label="New password" error={errors.password}>
        {(props) => <input {...props} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />}
      </Field>
      <ErrorBanner error={errors.password ? undefined : error} />
      <div className="actions">
        <button type="submit">Reset password</button>
      </div>
    </form>
  );
}
