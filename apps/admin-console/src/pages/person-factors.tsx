import type { PersonFactorsView, PersonFactorView } from '@app/contracts';
import { ConfirmAction, formatDate } from '../components';
import { useCan } from '../permissions';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import type { PersonAction } from './person-action';

const KIND: Record<PersonFactorView['type'], string> = { passkey: 'Passkey or security key', totp: 'Authenticator app' };

/**
 * The person's passkeys, authenticator apps and recovery codes. Removing them is helpdesk work
 * (`people:support`), for someone who lost a device; the person then enrolls again from their account page.
 */
export function PersonFactors({ path, act, changes }: { path: string; act: PersonAction; changes: number }) {
  const { api } = useSession();
  const canSupport = useCan('people:support');
  const resource = useResource<PersonFactorsView>(`${path}/factors`, changes);
  const view = resource.error ? undefined : resource.data;
  const factorPath = (factor: PersonFactorView) => `${path}/factors/${encodeURIComponent(factor.id)}`;
  return (
    <section className="panel" aria-labelledby="factors-title">
      <h2 id="factors-title">Sign-in factors</h2>
      {Boolean(resource.error) && <p>Not available.</p>}
      {view && view.items.length === 0 && <p>No second factor: this person signs in with a password only.</p>}
      {view && view.items.length > 0 && (
        <ul className="plain">
          {view.items.map((factor) => (
            <li key={factor.id}>
              <strong>{factor.label}</strong> · {KIND[factor.type]} · added {formatDate(factor.created_at)} · last used {factor.last_used_at ? formatDate(factor.last_used_at) : 'never'}{' '}
              {canSupport && (
                <ConfirmAction
                  label={`Remove ${factor.label}`}
                  question={`Remove “${factor.label}”? It can no longer be used to sign in.`}
                  confirmLabel="Remove"
                  onConfirm={() => act(() => api.send('DELETE', factorPath(factor)), `${factor.label} removed.`)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {view && <p>Recovery codes left: {view.recovery_codes_remaining}</p>}
      {view && canSupport && (view.items.length > 0 || view.recovery_codes_remaining > 0) && (
        <ConfirmAction
          label="Reset all factors"
          question="Remove every passkey, authenticator app and recovery code of this person? They sign in with their password and enroll again."
          confirmLabel="Reset all factors"
          onConfirm={() => act(() => api.send('DELETE', `${path}/factors`), 'Sign-in factors reset.')}
        />
      )}
    </section>
  );
}
