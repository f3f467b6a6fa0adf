import { useEffect, useState } from 'react';
import type { GroupView } from '@app/contracts';
import { Notice } from '../components';
import { ErrorBanner, Field, OtherErrors, useFormValues, useSubmission } from '../forms';
import { useRouter } from '../router';
import { useSession } from '../session';

const SHOWN_FIELDS = ['name', 'description'];
const NAME_HINT = 'Letters, digits and . _ : - (starting with a letter or digit). Applications name groups by it.';

/** Creates a group and opens its page, where members are added. */
export function CreateGroupForm({ onCancel }: { onCancel: () => void }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const form = useFormValues({ name: '', description: '' });
  const submission = useSubmission();
  const errors = submission.fieldErrors;
  const create = async () => {
    const group = await api.send<GroupView>('POST', '/groups', { name: form.values.name.trim(), description: form.values.description.trim() });
    navigate(`/groups/${encodeURIComponent(group.id)}`);
  };
  return (
    <form className="form panel" onSubmit={submission.onSubmit(create)} noValidate aria-label="Create group">
      <h2>Create group</h2>
      <Field label="Name" hint={NAME_HINT} error={errors.name}>
        {(props) => <input {...props} type="text" autoComplete="off" {...form.text('name')} />}
      </Field>
      <Field label="Description" error={errors.description}>
        {(props) => <input {...props} type="text" {...form.text('description')} />}
      </Field>
      <OtherErrors errors={errors} shown={SHOWN_FIELDS} />
      <ErrorBanner error={submission.error} />
      <div className="actions">
        <button type="submit" disabled={submission.busy}>
          Create group
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A group's name and description; renaming also renames it wherever applications and APIs allow it. */
export function EditGroupForm({ group, onSaved }: { group: GroupView; onSaved: (group: GroupView) => void }) {
  const { api } = useSession();
  const [saved, setSaved] = useState(false);
  const form = useFormValues({ name: group.name, description: group.description }, () => setSaved(false));
  const { replace } = form;
  const submission = useSubmission();
  const errors = submission.fieldErrors;
  useEffect(() => replace({ name: group.name, description: group.description }), [replace, group.name, group.description]);
  const save = async () => {
    const updated = await api.send<GroupView>('PATCH', `/groups/${encodeURIComponent(group.id)}`, { name: form.values.name.trim(), description: form.values.description.trim() });
    onSaved(updated);
    setSaved(true);
  };
  return (
    <form className="form panel" onSubmit={submission.onSubmit(save)} noValidate aria-label="Group details">
      <h2>Details</h2>
      <Field label="Name" hint={NAME_HINT} error={errors.name}>
        {(props) => <input {...props} type="text" autoComplete="off" {...form.text('name')} />}
      </Field>
      <Field label="Description" error={errors.description}>
        {(props) => <input {...props} type="text" {...form.text('description')} />}
      </Field>
      <OtherErrors errors={errors} shown={SHOWN_FIELDS} />
      <ErrorBanner error={submission.error} />
      {saved && <Notice>Saved.</Notice>}
      <div className="actions">
        <button type="submit" disabled={submission.busy}>
          Save group
        </button>
      </div>
    </form>
  );
}
