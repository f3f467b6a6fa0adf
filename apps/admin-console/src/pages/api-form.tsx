import type { ReactNode } from 'react';
import type { ApiInput, ApiView } from '@app/contracts';
import { ErrorBanner, Field, OtherErrors, useFormValues, useSubmission } from '../forms';
import { ApiAccessFieldset } from './api-access-fields';
import type { ApiAccessFields } from './api-access-fields';

interface ScopeRow {
  name: string;
  description: string;
}

interface FormState {
  identifier: string;
  name: string;
  scopes: ScopeRow[];
  access_token_format: 'jwt' | 'opaque';
  access_token_ttl: string;
  access: ApiAccessFields;
}

export type ApiFormInput = ApiInput & ApiAccessFields;

function toForm(api?: ApiView): FormState {
  return {
    identifier: api?.identifier ?? '',
    name: api?.name ?? '',
    scopes: api?.scopes.map((scope) => ({ ...scope })) ?? [{ name: '', description: '' }],
    access_token_format: api?.access_token_format ?? 'jwt',
    access_token_ttl: api?.access_token_ttl?.toString() ?? '',
    access: { allowed_groups: api?.allowed_groups ?? [], allowed_clients: api?.allowed_clients ?? [], owners: api?.owners ?? [], token_exchange: api?.token_exchange ?? { allowed_clients: [] } },
  };
}

function toInput(form: FormState): ApiFormInput {
  return {
    identifier: form.identifier.trim(),
    name: form.name.trim(),
    scopes: form.scopes.filter((scope) => scope.name.trim() !== '').map((scope) => ({ name: scope.name.trim(), description: scope.description.trim() })),
    access_token_format: form.access_token_format,
    access_token_ttl: form.access_token_ttl.trim() === '' ? null : Number(form.access_token_ttl),
    ...form.access,
  };
}

const SHOWN = ['identifier', 'name', 'scopes', 'access_token_format', 'access_token_ttl', 'allowed_groups', 'allowed_clients', 'owners', 'token_exchange'];
const TOKEN_FORMATS: readonly FormState['access_token_format'][] = ['jwt', 'opaque'];

/**
 * Create or edit an API (resource server): its identifier, name, scopes, token format and who may use it.
 * `readOnly` shows it all without a way to change it (a role that may only read APIs).
 */
export function ApiForm({
  api,
  label,
  onSubmit,
  readOnly = false,
  children,
}: {
  api?: ApiView;
  label: string;
  onSubmit: (input: ApiFormInput) => Promise<void>;
  readOnly?: boolean;
  children?: ReactNode;
}) {
  const form = useFormValues<FormState>(() => toForm(api));
  const { values, set } = form;
  const submission = useSubmission();
  const errors = submission.fieldErrors;
  const scopeErrors = Object.entries(errors).filter(([field]) => field.startsWith('scopes'));
  const setScope = (index: number, patch: Partial<ScopeRow>) => set('scopes', values.scopes.map((scope, i) => (i === index ? { ...scope, ...patch } : scope)));

  return (
    <form onSubmit={submission.onSubmit(() => onSubmit(toInput(values)))} noValidate className="form" aria-label={label}>
      <fieldset className="bare" disabled={readOnly}>
        <Field label="Identifier" hint="An absolute URI: the audience (aud) of tokens for this API, and the resource clients ask for." error={errors.identifier}>
          {(props) => <input {...props} type="text" placeholder="https://orders.example.com" {...form.text('identifier')} />}
        </Field>
        <Field label="Name" error={errors.name}>
          {(props) => <input {...props} type="text" {...form.text('name')} />}
        </Field>
        <fieldset className={scopeErrors.length ? 'has-error' : undefined}>
          <legend>Scopes</legend>
          {values.scopes.map((scope, index) => (
            <div className="row scope-row" key={index}>
              <Field label={`Scope ${index + 1} name`}>
                {(props) => <input {...props} type="text" placeholder="orders:read" value={scope.name} onChange={(event) => setScope(index, { name: event.target.value })} />}
              </Field>
              <Field label={`Scope ${index + 1} description`}>
                {(props) => <input {...props} type="text" value={scope.description} onChange={(event) => setScope(index, { description: event.target.value })} />}
              </Field>
              <button type="button" className="secondary small" aria-label={`Remove scope ${index + 1}`} onClick={() => set('scopes', values.scopes.filter((_, i) => i !== index))}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" className="secondary small" onClick={() => set('scopes', [...values.scopes, { name: '', description: '' }])}>
            Add scope
          </button>
          {scopeErrors.map(([field, message]) => (
            <p className="field-error" role="alert" key={field}>
              {message}
            </p>
          ))}
        </fieldset>
        <div className="row">
          <Field label="Access token format" error={errors.access_token_format}>
            {(props) => (
              <select {...props} {...form.choice('access_token_format', TOKEN_FORMATS)}>
                <option value="jwt">JWT (verified locally against the JWKS)</option>
                <option value="opaque">Opaque (verified by introspection)</option>
              </select>
            )}
          </Field>
          <Field label="Access token lifetime (seconds)" hint="Empty: server default." error={errors.access_token_ttl}>
            {(props) => <input {...props} type="number" min={30} inputMode="numeric" {...form.text('access_token_ttl')} />}
          </Field>
        </div>
      </fieldset>
      <ApiAccessFieldset values={values.access} onChange={(access) => set('access', access)} errors={errors} disabled={readOnly} />
      <OtherErrors errors={Object.fromEntries(Object.entries(errors).filter(([field]) => !field.startsWith('scopes')))} shown={SHOWN} />
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
