import { useEffect } from 'react';
import type { UserView } from '@app/contracts';
import { ErrorBanner, Field, OtherErrors, useFormValues, useSubmission, words } from '../forms';
import { ADMIN_ROLES } from '../auth';

const PROFILE_FIELDS = ['username', 'name', 'email'];

function profileOf(person: UserView) {
  return { username: person.username, name: person.name ?? '', email: person.email ?? '' };
}

/** Username, name and email; an emptied name or email is removed rather than kept as blank. */
export function ProfileForm({ person, onSave }: { person: UserView; onSave: (profile: { username: string; name: string | null; email: string | null }) => Promise<void> }) {
  const form = useFormValues(() => profileOf(person));
  const { replace } = form;
  const submission = useSubmission();
  const errors = submission.fieldErrors;
  useEffect(() => replace(profileOf(person)), [replace, person]);
  const save = () => {
    const { username, name, email } = form.values;
    return onSave({ username: username.trim(), name: name.trim() || null, email: email.trim() || null });
  };
  return (
    <form className="form panel" onSubmit={submission.onSubmit(save)} noValidate aria-label="Profile">
      <h2>Profile</h2>
      <Field label="Username" error={errors.username}>
        {(props) => <input {...props} type="text" autoComplete="off" {...form.text('username')} />}
      </Field>
      <div className="row">
        <Field label="Name" error={errors.name}>
          {(props) => <input {...props} type="text" {...form.text('name')} />}
        </Field>
        <Field label="Email" error={errors.email}>
          {(props) => <input {...props} type="email" {...form.text('email')} />}
        </Field>
      </div>
      <OtherErrors errors={errors} shown={PROFILE_FIELDS} />
      <ErrorBanner error={submission.error} />
      <div className="actions">
        <button type="submit" disabled={submission.busy}>
          Save profile
        </button>
      </div>
    </form>
  );
}

/** A person's roles as one comma- or space-separated line; the page saves them and reports how it went. */
export function RolesForm({ person, onSave }: { person: UserView; onSave: (roles: string[]) => Promise<void> }) {
  const form = useFormValues({ roles: person.roles.join(', ') });
  const { replace } = form;
  const submission = useSubmission();
  // A reload of the person shows the roles the server now has.
  useEffect(() => replace({ roles: person.roles.join(', ') }), [replace, person.roles]);
  return (
    <form className="form panel" onSubmit={submission.onSubmit(() => onSave(words(form.values.roles)))} aria-label="Roles">
      <Field label="Roles" hint={`Comma or space separated. ${ADMIN_ROLES.join(', ')} open this console, each to what it may do.`}>
        {(props) => <input {...props} type="text" {...form.text('roles')} />}
      </Field>
      <div className="actions">
        <button type="submit">Save roles</button>
      </div>
    </form>
  );
}

/** Sets a new password; the server's password policy answers next to the field. */
export function PasswordForm({ onSave }: { onSave: (password: string) => Promise<void> }) {
  const form = useFormValues({ password: '' });
  const submission = useSubmission();
  const errors = submission.fieldErrors;
  const save = async () => {
    await onSave(form.values.password);
    form.replace({ password: '' });
  };
  return (
    <form className="form panel" onSubmit={submission.onSubmit(save)} noValidate aria-label="Reset password">
      <Field label="New password" error={errors.password}>
        {(props) => <input {...props} type="password" autoComplete="new-password" {...form.text('password')} />}
      </Field>
      <ErrorBanner error={errors.password ? undefined : submission.error} />
      <div className="actions">
        <button type="submit">Reset password</button>
      </div>
    </form>
  );
}
