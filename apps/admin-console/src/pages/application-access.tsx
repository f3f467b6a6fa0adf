import { useState } from 'react';
import { GRANT } from '../grant-types';
import type { ClientView } from '@app/contracts';
import { Notice } from '../components';
import { ErrorBanner, Field, OtherErrors, useFormValues, useSubmission, words } from '../forms';
import { useCan } from '../permissions';
import { useSession } from '../session';
import { ApplicationApiAccess } from './application-api-access';
import { ApplicationSignIns } from './application-sign-ins';
import { GroupNamesField } from './group-names-field';
import { OwnersField } from './owners-field';

const SHOWN_FIELDS = ['allowed_groups', 'groups_claim_filter', 'owners'];

function toForm(client: ClientView) {
  return { allowed_groups: client.allowed_groups, groups_claim_filter: client.groups_claim_filter.join(' '), owners: client.owners };
}

/**
 * Who may sign in to an application (its allowed groups), which groups its tokens name, and who owns
 * it; then who that lets in. Changing it takes `clients:write`; reading it, `clients:read`.
 */
export function ApplicationAccess({ client, onSaved }: { client: ClientView; onSaved: (client: ClientView) => void }) {
  const { api } = useSession();
  const canWrite = useCan('clients:write');
  const [saved, setSaved] = useState(false);
  const [changes, setChanges] = useState(0);
  const form = useFormValues(() => toForm(client), () => setSaved(false));
  const { values, set } = form;
  const submission = useSubmission();
  const errors = submission.fieldErrors;

  const save = async () => {
    const updated = await api.send<ClientView>('PATCH', `/clients/${encodeURIComponent(client.client_id)}`, {
      allowed_groups: values.allowed_groups,
      groups_claim_filter: words(values.groups_claim_filter),
      owners: values.owners,
    });
    onSaved(updated);
    form.replace(toForm(updated));
    setSaved(true);
    setChanges((count) => count + 1);
  };

  return (
    <>
      {client.grant_types.includes(GRANT.clientCredentials) && <ApplicationApiAccess client={client} onSaved={onSaved} />}
      <form onSubmit={submission.onSubmit(save)} noValidate className="form" aria-label="Application access">
        <GroupNamesField
          label="Allowed groups"
          names={values.allowed_groups}
          onChange={(names) => set('allowed_groups', names)}
          empty="Everyone: no group is required to sign in."
          hint="Only members of these groups (directly or through a group inside them) can sign in. Empty: everyone."
          error={errors.allowed_groups}
          disabled={!canWrite}
        />
        <Field label="Groups claim filter" hint="Space-separated name prefixes: the groups claim of this app's tokens lists only groups starting with one. Empty: every group." error={errors.groups_claim_filter}>
          {(props) => <input {...props} type="text" readOnly={!canWrite} placeholder="e.g. billing: support" {...form.text('groups_claim_filter')} />}
        </Field>
        <OwnersField owners={values.owners} onChange={(owners) => set('owners', owners)} error={errors.owners} disabled={!canWrite} />
        <OtherErrors errors={errors} shown={SHOWN_FIELDS} />
        <ErrorBanner error={submission.error} />
        {saved && <Notice>Access saved.</Notice>}
        {canWrite && (
          <div className="actions">
            <button type="submit" disabled={submission.busy}>
              {submission.busy ? 'Saving…' : 'Save access'}
            </button>
          </div>
        )}
      </form>
      <ApplicationSignIns clientId={client.client_id} changes={changes} />
    </>
  );
}
