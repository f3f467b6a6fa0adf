import type { ReactNode } from 'react';
import { ErrorBanner, Field, OtherErrors, useFormValues, useSubmission } from '../forms';
import type { FormValues } from '../forms';
import { useSession } from '../session';
import { GroupMappingField } from './group-mapping-field';
import { LDAP_FIELDS, LdapFields, OIDC_FIELDS, OidcFields } from './identity-provider-fields';
import { LDAP_TEMPLATES, LDAP_TEMPLATE_DEFAULTS, OIDC_TEMPLATES, TEMPLATE_CHOICES, isLdapTemplate } from './identity-provider-templates';
import type { ProviderType, TemplateChoice } from './identity-provider-templates';
import { repeatedUpstream } from './identity-provider-values';
import type { ProviderFormState } from './identity-provider-values';

const COMMON_FIELDS = ['type', 'template', 'name', 'display_name', 'enabled', 'jit', 'group_mapping', 'client_secret', 'bind_password'];
const NAME_HINT = '1-63 lower-case letters, digits or -. It cannot change later: it is part of the redirect URI.';

/** Kind and template, chosen once when a provider is created. */
function KindChoice({ form }: { form: FormValues<ProviderFormState> }) {
  const { values, set } = form;
  const chooseKind = (type: ProviderType) => {
    set('type', type);
    chooseTemplate(type === 'oidc' ? 'entra-id' : 'active-directory');
  };
  const chooseTemplate = (template: TemplateChoice) => {
    set('template', template);
    if (isLdapTemplate(template)) set('nested_groups', LDAP_TEMPLATE_DEFAULTS[template].nestedGroups);
  };
  const templates = values.type === 'oidc' ? OIDC_TEMPLATES : LDAP_TEMPLATES;
  return (
    <>
      <fieldset className="kinds">
        <legend>Kind</legend>
        <label className={`kind${values.type === 'oidc' ? ' selected' : ''}`}>
          <input type="radio" name="provider-kind" checked={values.type === 'oidc'} onChange={() => chooseKind('oidc')} />
          <span className="kind-label">OpenID Connect</span>
          <span className="kind-description">A button on the login page; people sign in at the upstream (Entra ID, Google, Okta…).</span>
        </label>
        <label className={`kind${values.type === 'ldap' ? ' selected' : ''}`}>
          <input type="radio" name="provider-kind" checked={values.type === 'ldap'} onChange={() => chooseKind('ldap')} />
          <span className="kind-label">LDAP directory</span>
          <span className="kind-description">The password typed on our login page is checked by binding to the directory.</span>
        </label>
      </fieldset>
      <Field label="Template" hint={values.type === 'oidc' ? 'Fills scopes and claim names, and checks the issuer’s shape.' : 'Fills the filters and attribute names.'}>
        {(props) => (
          <select {...props} value={values.template} onChange={(event) => chooseTemplate(TEMPLATE_CHOICES.find((choice) => choice === event.target.value) ?? '')}>
            {templates.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

/** The write-only secret: typed, sent, never shown back; the view only says whether one is stored. */
function SecretField({ form, errors, secretSet, creating, readOnly }: { form: FormValues<ProviderFormState>; errors: Record<string, string>; secretSet: boolean; creating: boolean; readOnly: boolean }) {
  const oidc = form.values.type === 'oidc';
  const field = oidc ? 'client_secret' : 'bind_password';
  if (readOnly) {
    return (
      <p className="field" data-testid="secret-status">
        <strong>{oidc ? 'Client secret' : 'Bind password'}</strong>: {secretSet ? 'a secret is stored.' : 'none is stored.'}
      </p>
    );
  }
  const hint = creating
    ? oidc ? 'Write-only: stored encrypted and never shown again.' : 'The bind DN’s password. Write-only: stored encrypted and never shown again.'
    : secretSet ? 'A secret is stored. Leave empty to keep it, or type a new one to replace it.' : 'No secret is stored.';
  return (
    <>
      <Field label={oidc ? 'Client secret' : 'Bind password'} hint={hint} error={errors[field]}>
        {(props) => <input {...props} type="password" autoComplete="new-password" {...form.text('secret')} />}
      </Field>
      {!creating && secretSet && (
        <div className="checks">
          <label>
            <input type="checkbox" {...form.checkbox('clear_secret')} disabled={form.values.secret !== ''} /> Remove the stored secret
          </label>
        </div>
      )}
    </>
  );
}

/**
 * Creates or edits an identity provider: the fields both kinds share, then the chosen kind's. The form
 * hands its values over; the page decides what to send (everything when creating, the changes when editing).
 */
export function IdentityProviderForm({
  initial,
  creating,
  secretSet = false,
  readOnly = false,
  label,
  onSubmit,
  children,
}: {
  initial: ProviderFormState;
  creating: boolean;
  secretSet?: boolean;
  readOnly?: boolean;
  label: string;
  onSubmit: (values: ProviderFormState) => Promise<void>;
  children?: ReactNode;
}) {
  const { issuer } = useSession();
  const form = useFormValues<ProviderFormState>(initial);
  const { values, set } = form;
  const submission = useSubmission();
  const errors = submission.fieldErrors;
  const secret = <SecretField form={form} errors={errors} secretSet={secretSet} creating={creating} readOnly={readOnly} />;
  const kindProps = { form, errors, creating, secret };
  const repeated = repeatedUpstream(values.mapping);
  const submit = async () => {
    if (repeated) throw new Error(`The upstream group “${repeated}” is mapped twice; each upstream group maps to one of our groups.`);
    await onSubmit(values);
  };
  return (
    <form onSubmit={submission.onSubmit(submit)} noValidate className="form" aria-label={label}>
      <fieldset className="bare" disabled={readOnly}>
        {creating && <KindChoice form={form} />}
        <div className="row">
          <Field label="Name" hint={creating ? NAME_HINT : 'Cannot change: the upstream knows it in the redirect URI.'} error={errors.name}>
            {(props) => <input {...props} type="text" autoComplete="off" readOnly={!creating} placeholder="contoso" {...form.text('name')} />}
          </Field>
          <Field label="Display name" hint="On the login page’s button. Empty: the name." error={errors.display_name}>
            {(props) => <input {...props} type="text" autoComplete="off" placeholder={values.name.trim() || 'Contoso'} {...form.text('display_name')} />}
          </Field>
        </div>
        {creating && values.type === 'oidc' && values.name.trim() && (
          <p className="hint redirect-preview">
            Redirect URI to register upstream: <code>{`${issuer}/federation/${values.name.trim()}/callback`}</code>
          </p>
        )}
        {values.type === 'oidc' ? <OidcFields {...kindProps} /> : <LdapFields {...kindProps} />}
        <GroupMappingField rows={values.mapping} onChange={(rows) => set('mapping', rows)} error={errors.group_mapping ?? (repeated && `“${repeated}” is mapped twice: keep one row for it.`)} disabled={readOnly} />
        <div className="checks">
          <label>
            <input type="checkbox" {...form.checkbox('jit')} /> Create accounts on first sign-in (just in time)
          </label>
          <p className="hint">Off: only people already linked to this provider can sign in through it.</p>
          <label>
            <input type="checkbox" {...form.checkbox('enabled')} /> Enabled
          </label>
          {(errors.jit || errors.enabled) && <p className="field-error">{errors.jit ?? errors.enabled}</p>}
        </div>
      </fieldset>
      <OtherErrors errors={errors} shown={[...COMMON_FIELDS, ...(values.type === 'oidc' ? OIDC_FIELDS : LDAP_FIELDS), ...Object.keys(errors).filter((field) => field.startsWith('attributes.'))]} />
      <ErrorBanner error={submission.error} />
      <div className="actions">
        {!readOnly && (
          <button type="submit" disabled={submission.busy}>
            {submission.busy ? 'Saving…' : label}
          </button>
        )}
        {children}
      </div>
    </form>
  );
}
