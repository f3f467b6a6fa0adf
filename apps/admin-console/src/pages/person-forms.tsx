import { useEffect } from 'react';
import type { UserView } from '@app/contracts';
import { ErrorBanner, Field, useFormValues, useSubmission, words } from '../forms';

/** A person's roles as one comma- or space-separated line; the page saves them and reports how it went. */
export function RolesForm({ person, onSave }: { person: UserView; onSave: (roles: string[]) => Promise<void> }) {
  const form = useFormValues({ roles: person.roles.join(', ') });
  const { replace } = form;
  const submission = useSubmission();
  // A reload of the person shows the roles the server now has.
  useEffect(() => replace({ roles: person.roles.join(', ') }), [replace, person.roles]);
  return (
    <form className="form panel" onSubmit={submission.onSubmit(() => onSave(words(form.values.roles)))} aria-label="Roles">
      <Field label="Roles" hint="Comma or space separated. The admin role opens this console.">
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
