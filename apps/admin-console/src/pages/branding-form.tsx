import { useState } from 'react';
import type { ReactNode } from 'react';
import type { BrandingView } from '@app/contracts';
import { ErrorBanner, Field, OtherErrors, useFormValues, useSubmission } from '../forms';
import { ColourField } from './branding-colour-field';
import { BrandingPreview } from './branding-preview';
import { brandingProblems, byteLength, CSS_MAX_BYTES, formatSize, NAME_MAX_LENGTH, toBrandingForm, toBrandingInput } from './branding-values';
import type { BrandingForm as FormState, BrandingInput } from './branding-values';

const SHOWN = ['organization_name', 'logo_uri', 'primary_color', 'custom_css'];

/**
 * The branding's fields and a preview of them. What the admin API would refuse is named before anything
 * is sent, under each field, and kept up to date while it is fixed; the API's own messages show the same
 * way. `readOnly` shows it all without a way to change it.
 */
export function BrandingForm({
  view,
  readOnly,
  onSubmit,
  onEdit,
  children,
}: {
  view: BrandingView;
  readOnly: boolean;
  onSubmit: (input: BrandingInput) => Promise<void>;
  onEdit: () => void;
  children?: ReactNode;
}) {
  const form = useFormValues<FormState>(() => toBrandingForm(view), onEdit);
  const submission = useSubmission();
  const [checked, setChecked] = useState(false);
  const input = toBrandingInput(form.values);
  const problems = checked ? brandingProblems(input) : {};
  const blocked = Object.keys(problems).length > 0;
  const errors = { ...submission.fieldErrors, ...problems };
  const cssSize = byteLength(form.values.custom_css);

  const submit = submission.onSubmit(async () => {
    setChecked(true);
    if (Object.keys(brandingProblems(input)).length > 0) return;
    await onSubmit(input);
  });

  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Branding">
      <fieldset className="bare" disabled={readOnly}>
        <Field label="Organization name" hint={`Shown on the sign-in pages; up to ${NAME_MAX_LENGTH} characters.`} error={errors.organization_name}>
          {(props) => <input {...props} type="text" autoComplete="organization" {...form.text('organization_name')} />}
        </Field>
        <Field label="Logo URL" hint="An https address of the image. Empty: no logo." error={errors.logo_uri}>
          {(props) => <input {...props} type="url" placeholder="https://example.com/logo.svg" {...form.text('logo_uri')} />}
        </Field>
        <ColourField value={form.values.primary_color} onChange={(value) => form.set('primary_color', value)} error={errors.primary_color} />
        <Field
          label="Custom CSS"
          hint={`Added to the sign-in pages after their own styles. ${formatSize(cssSize)} of ${formatSize(CSS_MAX_BYTES)} used.`}
          error={errors.custom_css}
        >
          {(props) => <textarea {...props} rows={8} spellCheck={false} {...form.text('custom_css')} />}
        </Field>
      </fieldset>
      <BrandingPreview input={input} />
      <OtherErrors errors={submission.fieldErrors} shown={SHOWN} />
      {blocked ? (
        <div className="banner error" role="alert">
          Some fields need attention: see the messages below them.
        </div>
      ) : (
        <ErrorBanner error={submission.error} />
      )}
      <div className="actions">
        {!readOnly && (
          <button type="submit" disabled={submission.busy}>
            {submission.busy ? 'Saving…' : 'Save branding'}
          </button>
        )}
        {children}
      </div>
    </form>
  );
}
