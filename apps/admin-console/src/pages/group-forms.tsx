import { useEffect, useState } from 'react';
import type { GroupView } from '@app/contracts';
import { Notice } from '../components';
import { ErrorBanner, Field, OtherErrors, useFormValues, useSubmission } from '../forms';
import type { FormValues } from '../forms';
import { useRouter } from '../router';
import { useSession } from '../session';

const SHOWN_FIELDS = ['name', 'description', 'require_mfa', 'require_phishing_resistant'];

interface GroupValues {
  name: string;
  description: string;
  require_mfa: boolean;
  require_phishing_resistant: boolean;
}

const valuesOf = (group: GroupView): GroupValues => ({
  name: group.name,
  description: group.description,
  require_mfa: group.require_mfa,
  require_phishing_resistant: group.require_phishing_resistant,
});

const bodyOf = (values: GroupValues) => ({ ...values, name: values.name.trim(), description: values.description.trim() });

/** The sign-in strength a group asks of everyone in it, directly or through a group inside it. */
function RequirementChecks({ form, errors }: { form: FormValues<GroupValues>; errors: Record<string, string> }) {
  const error = errors.require_mfa ?? errors.require_phishing_resistant;
  return (
    <fieldset className="checks">
      <legend>Sign-in requirements</legend>
      <label>
        <input type="checkbox" {...form.checkbox('require_mfa')} /> Require a second factor
      </label>
      <p className="hint">Members sign in with a password and an authenticator app, passkey or security key.</p>
      <label>
        <input type="checkbox" {...form.checkbox('require_phishing_resistant')} /> Require a passkey or security key
      </label>
      <p className="hint">Phishing-resistant sign-in; also meets the second-factor requirement.</p>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

/** "Passkey or security key", "Second factor" or nothing: for lists and read-only views. */
export function requirementLabel(group: GroupView): string | undefined {
  if (group.require_phishing_resistant) return 'Passkey or security key';
  return group.require_mfa ? 'Second factor' : undefined;
}
const NAME_HINT = 'Letters, digits and . _ : - (starting with a letter or digit). Applications name groups by it.';

/** Creates a group and opens its page, where members are added. */
export function CreateGroupForm({ onCancel }: { onCancel: () => void }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const form = useFormValues<GroupValues>({ name: '', description: '', require_mfa: false, require_phishing_resistant: false });
  const submission = useSubmission();
  const errors = submission.fieldErrors;
  const create = async () => {
    const group = await api.send<GroupView>('POST', '/groups', bodyOf(form.values));
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
      <RequirementChecks form={form} errors={errors} />
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

/** A group's name, description and sign-in requirements; renaming also renames it wherever applications and APIs allow it. */
export function EditGroupForm({ group, onSaved }: { group: GroupView; onSaved: (group: GroupView) => void }) {
  const { api } = useSession();
  const [saved, setSaved] = useState(false);
  const form = useFormValues<GroupValues>(valuesOf(group), () => setSaved(false));
  const { replace } = form;
  const submission = useSubmission();
  const errors = submission.fieldErrors;
  useEffect(() => replace(valuesOf(group)), [replace, group]);
  const save = async () => {
    const updated = await api.send<GroupView>('PATCH', `/groups/${encodeURIComponent(group.id)}`, bodyOf(form.values));
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
      <RequirementChecks form={form} errors={errors} />
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
