import { useState } from 'react';
import type { UserView } from '@app/contracts';
import { formatDate, Loading, Notice } from '../components';
import { ErrorBanner, useSubmission } from '../forms';
import { useCan } from '../permissions';
import { Link } from '../router';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import type { PersonAction } from './person-action';
import { PersonAccount } from './person-account';
import { PersonApps } from './person-apps';
import { PersonFactors } from './person-factors';
import { PasswordForm, ProfileForm, RolesForm } from './person-forms';
import { PersonGroups } from './person-groups';
import { PersonSessions } from './person-sessions';

/**
 * One person: what they are, which groups and apps they have, and what the caller's role may change.
 * Profile and roles take `people:write`; password, sessions, disabling and unlocking `people:support`.
 */
export function PersonPage({ userId }: { userId: string }) {
  const { api } = useSession();
  const canWrite = useCan('people:write');
  const canSupport = useCan('people:support');
  const path = `/users/${encodeURIComponent(userId)}`;
  // Counts the changes made here, so every section shows their effect (a new group changes the apps too).
  const [changes, setChanges] = useState(0);
  const personResource = useResource<UserView>(path, changes);
  const action = useSubmission();
  const [notice, setNotice] = useState<string>();
  const person = personResource.data;
  const error = action.error ?? personResource.error;

  const act: PersonAction = (work, done) =>
    action.run(async () => {
      setNotice(undefined);
      await work();
      setNotice(done);
      setChanges((count) => count + 1);
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
        {person.locked_until && (
          <>
            {' · '}
            <span className="status retired">locked until {formatDate(person.locked_until)}</span>
          </>
        )}
        {person.roles.length > 0 && ` · roles: ${person.roles.join(', ')}`}
      </p>
      {notice && <Notice>{notice}</Notice>}
      <ErrorBanner error={error} />
      {canWrite && (
        <>
          <ProfileForm
            person={person}
            onSave={async (profile) => {
              setNotice(undefined);
              personResource.setData(await api.send<UserView>('PATCH', path, profile));
              setNotice('Profile saved.');
            }}
          />
          <RolesForm person={person} onSave={(roles) => act(() => api.send('PATCH', path, { roles }), 'Roles saved.')} />
        </>
      )}
      {canSupport && <PasswordForm onSave={(password) => api.send('POST', `${path}/password`, { password }).then(() => setNotice('Password changed.'))} />}
      <PersonGroups userId={person.id} username={person.username} act={act} changes={changes} />
      <PersonApps userId={person.id} username={person.username} changes={changes} />
      <PersonFactors path={path} act={act} changes={changes} />
      <PersonSessions path={path} act={act} changes={changes} />
      <PersonAccount person={person} path={path} act={act} />
    </section>
  );
}
