import { Field } from '../forms';

/** The client secret, typed by the admin and kept in this component's memory only (never stored). */
export function SecretInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <Field label="Client secret" hint="Confidential client: type its secret. It stays in this page's memory and is sent only to the token endpoint.">
      {(props) => <input {...props} type="password" autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}
