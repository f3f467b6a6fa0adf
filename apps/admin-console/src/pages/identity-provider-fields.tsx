import type { ReactNode } from 'react';
import { Field } from '../forms';
import type { FormValues } from '../forms';
import { LDAP_TEMPLATE_DEFAULTS, OIDC_TEMPLATE_DEFAULTS, isLdapTemplate } from './identity-provider-templates';
import { ATTRIBUTE_ROLES } from './identity-provider-values';
import type { AttributeRole, ProviderFormState } from './identity-provider-values';

export interface KindFieldsProps {
  form: FormValues<ProviderFormState>;
  errors: Record<string, string>;
  /** Creating: an empty field takes the template's value (its placeholder); editing: the stored one is shown. */
  creating: boolean;
  /** The write-only secret's field, placed beside what it goes with (the client ID, the bind DN). */
  secret: ReactNode;
}

export const OIDC_FIELDS = ['issuer', 'client_id', 'scopes', 'domains', 'groups_claim', 'link_by_verified_email'];

/** An upstream OpenID Provider: where it is, how we are registered there, and whose people it signs in. */
export function OidcFields({ form, errors, creating, secret }: KindFieldsProps) {
  const template = isLdapTemplate(form.values.template) ? '' : form.values.template;
  const defaults = OIDC_TEMPLATE_DEFAULTS[template];
  const fromTemplate = creating ? ' Empty: the template’s.' : '';
  return (
    <>
      <Field label="Issuer" hint={`Expected shape: ${defaults.issuer}${defaults.note ? `. ${defaults.note}` : ''}`} error={errors.issuer}>
        {(props) => <input {...props} type="text" inputMode="url" autoComplete="off" placeholder={defaults.issuer} {...form.text('issuer')} />}
      </Field>
      <Field label="Client ID" hint="The ID the upstream gave this server when you registered it there." error={errors.client_id}>
        {(props) => <input {...props} type="text" autoComplete="off" {...form.text('client_id')} />}
      </Field>
      {secret}
      <div className="row">
        <Field label="Scopes" hint={`Space-separated; must include openid.${fromTemplate}`} error={errors.scopes}>
          {(props) => <input {...props} type="text" autoComplete="off" placeholder={defaults.scopes} {...form.text('scopes')} />}
        </Field>
        <Field label="Groups claim" hint={`The ID token claim listing the person’s groups.${creating ? fromTemplate : ' Empty: the upstream sends none.'}`} error={errors.groups_claim}>
          {(props) => <input {...props} type="text" autoComplete="off" placeholder={defaults.groupsClaim || 'none'} {...form.text('groups_claim')} />}
        </Field>
      </div>
      <Field label="Domains" hint="Space- or comma-separated e-mail domains: someone typing ada@contoso.com on the login page is sent to this provider." error={errors.domains}>
        {(props) => <input {...props} type="text" autoComplete="off" placeholder="contoso.com" {...form.text('domains')} />}
      </Field>
      <div className="checks">
        <label>
          <input type="checkbox" {...form.checkbox('link_by_verified_email')} /> Link to an existing person by verified e-mail
        </label>
        <p className="hint">Only when the upstream says the address is verified. Leave off unless the upstream is trusted for every address of its domains.</p>
        {errors.link_by_verified_email && <p className="field-error">{errors.link_by_verified_email}</p>}
      </div>
    </>
  );
}

export const LDAP_FIELDS = ['url', 'start_tls', 'bind_dn', 'user_base_dn', 'user_filter', 'attributes', 'group_base_dn', 'group_filter', 'nested_groups', 'sync_interval_s'];

const ATTRIBUTE_LABELS: Record<AttributeRole, string> = {
  username: 'Username attribute',
  email: 'E-mail attribute',
  name: 'Name attribute',
  given_name: 'Given name attribute',
  family_name: 'Family name attribute',
  id: 'Unique id attribute',
};

/** An LDAP directory: how to reach it, where its people and groups are, and what its attributes are called. */
export function LdapFields({ form, errors, creating, secret }: KindFieldsProps) {
  const { values, set } = form;
  const defaults = LDAP_TEMPLATE_DEFAULTS[isLdapTemplate(values.template) ? values.template : 'openldap'];
  const fromTemplate = creating ? ' Empty: the template’s.' : ' Empty: the template’s default.';
  const attributeErrors = Object.entries(errors).filter(([field]) => field === 'attributes' || field.startsWith('attributes.'));
  return (
    <>
      <div className="row">
        <Field label="URL" hint="ldap://host:389 or ldaps://host:636" error={errors.url}>
          {(props) => <input {...props} type="text" autoComplete="off" placeholder="ldaps://dc1.corp.example:636" {...form.text('url')} />}
        </Field>
        <div className="checks">
          <label>
            <input type="checkbox" {...form.checkbox('start_tls')} /> StartTLS
          </label>
          <p className="hint">Upgrades an ldap:// connection to TLS; not for ldaps://.</p>
          {errors.start_tls && <p className="field-error">{errors.start_tls}</p>}
        </div>
      </div>
      <Field label="Bind DN" hint="The service account that looks people up. Empty: anonymous search." error={errors.bind_dn}>
        {(props) => <input {...props} type="text" autoComplete="off" placeholder="CN=svc-sso,OU=Service,DC=corp,DC=example" {...form.text('bind_dn')} />}
      </Field>
      {secret}
      <Field label="User base DN" error={errors.user_base_dn}>
        {(props) => <input {...props} type="text" autoComplete="off" placeholder="OU=People,DC=corp,DC=example" {...form.text('user_base_dn')} />}
      </Field>
      <Field label="User filter" hint={`{username} is replaced by the escaped username.${fromTemplate}`} error={errors.user_filter}>
        {(props) => <input {...props} type="text" autoComplete="off" placeholder={defaults.userFilter} {...form.text('user_filter')} />}
      </Field>
      <fieldset className={attributeErrors.length ? 'has-error' : undefined}>
        <legend>Attributes</legend>
        <p className="hint">What the directory calls each part of a person.{fromTemplate}</p>
        <div className="row">
          {ATTRIBUTE_ROLES.map((role) => (
            <Field key={role} label={ATTRIBUTE_LABELS[role]}>
              {(props) => <input {...props} type="text" autoComplete="off" placeholder={defaults.attributes[role]} value={values.attributes[role]} onChange={(event) => set('attributes', { ...values.attributes, [role]: event.target.value })} />}
            </Field>
          ))}
        </div>
        {attributeErrors.map(([field, message]) => (
          <p className="field-error" role="alert" key={field}>
            {message}
          </p>
        ))}
      </fieldset>
      <Field label="Group base DN" hint="Where groups are searched. Empty: groups are not read." error={errors.group_base_dn}>
        {(props) => <input {...props} type="text" autoComplete="off" placeholder="OU=Groups,DC=corp,DC=example" {...form.text('group_base_dn')} />}
      </Field>
      <Field label="Group filter" hint={`{dn} is replaced by the person’s escaped DN.${fromTemplate}`} error={errors.group_filter}>
        {(props) => <input {...props} type="text" autoComplete="off" placeholder={defaults.groupFilter} {...form.text('group_filter')} />}
      </Field>
      <div className="row">
        <div className="checks">
          <label>
            <input type="checkbox" {...form.checkbox('nested_groups')} /> Nested groups
          </label>
          <p className="hint">Groups inside groups count (Active Directory resolves them itself).</p>
          {errors.nested_groups && <p className="field-error">{errors.nested_groups}</p>}
        </div>
        <Field label="Sync interval (seconds)" hint="60 to 604800. People gone from the directory are disabled. Empty: no sync." error={errors.sync_interval_s}>
          {(props) => <input {...props} type="number" min={60} max={604800} inputMode="numeric" {...form.text('sync_interval_s')} />}
        </Field>
      </div>
    </>
  );
}
