import type { UserView } from '@app/contracts';
import { ConfirmAction, formatDate } from '../components';
import { useCan } from '../permissions';
import { useRouter } from '../router';
import { useSession } from '../session';
import type { PersonAction } from './person-action';

/**
 * Switching a person off and on, clearing their sign-in throttle (helpdesk work, `people:support`) and
 * deleting them (`people:write`). Shown only when the role may do at least one of them.
 */
export function PersonAccount({ person, path, act }: { person: UserView; path: string; act: PersonAction }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const canSupport = useCan('people:support');
  const canWrite = useCan('people:write');
  if (!canSupport && !canWrite) return null;
  return (
    <section className="panel danger-zone" aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      {person.locked_until && <p role="status">Locked until {formatDate(person.locked_until)} after too many failed sign-in attempts.</p>}
      <div className="actions">
        {canSupport && (
          <>
            <ConfirmAction
              label={person.disabled ? 'Enable' : 'Disable'}
              question={person.disabled ? 'Let this person sign in again?' : 'Stop this person from signing in?'}
              confirmLabel={person.disabled ? 'Enable' : 'Disable'}
              danger={!person.disabled}
              // Only `disabled` is sent: that is the part of a person the helpdesk may change.
              onConfirm={() => act(() => api.send('PATCH', path, { disabled: !person.disabled }), person.disabled ? 'Enabled.' : 'Disabled.')}
            />
            <ConfirmAction
              label="Unlock sign-in"
              question={person.locked_until ? 'End the lock, so this person can sign in again now?' : 'Clear the failed sign-in count, so this person can try again now?'}
              confirmLabel="Unlock"
              danger={false}
              onConfirm={() => act(() => api.send('POST', `${path}/unlock`), 'Sign-in unlocked.')}
            />
          </>
        )}
        {canWrite && (
          <ConfirmAction
            label="Delete person"
            question={`Delete ${person.username}? This cannot be undone.`}
            confirmLabel="Delete permanently"
            onConfirm={() =>
              act(async () => {
                await api.send('DELETE', path);
                navigate('/people');
              }, 'Deleted.')
            }
          />
        )}
      </div>
    </section>
  );
}
