import type { ApiView } from '@app/contracts';
import { AddNameInput, ListField } from '../forms';
import { useCan } from '../permissions';
import { GroupNamesField } from './group-names-field';
import { OwnersField } from './owners-field';
import { ApiTokenExchangeField } from './api-token-exchange-field';
import { ClientIdInput } from './client-id-input';

/** The lists that say who may use an API; the rest of the API form edits what it is. */
export type ApiAccessFields = Pick<ApiView, 'allowed_groups' | 'allowed_clients' | 'owners' | 'token_exchange'>;

/**
 * Who may get tokens for an API: people by group, machine clients (client_credentials) by client ID, and
 * the people who own it. Every list empty means no limit.
 */
export function ApiAccessFieldset({
  values,
  onChange,
  errors,
  disabled,
}: {
  values: ApiAccessFields;
  onChange: (values: ApiAccessFields) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const canReadClients = useCan('clients:read');
  const set = (patch: Partial<ApiAccessFields>) => onChange({ ...values, ...patch });
  const addClient = (clientId: string) => set({ allowed_clients: values.allowed_clients.includes(clientId) ? values.allowed_clients : [...values.allowed_clients, clientId] });
  return (
    <fieldset className="bare">
      <legend className="section-legend">Access</legend>
      <GroupNamesField
        label="Allowed groups"
        names={values.allowed_groups}
        onChange={(names) => set({ allowed_groups: names })}
        empty="Every person: no group is required."
        hint="Only members of these groups get tokens for this API on their own behalf. Empty: every person."
        error={errors.allowed_groups}
        disabled={disabled}
      />
      <ListField
        label="Allowed clients"
        items={values.allowed_clients}
        describe={(clientId) => <code>{clientId}</code>}
        onRemove={(clientId) => set({ allowed_clients: values.allowed_clients.filter((other) => other !== clientId) })}
        empty="Any client may use client credentials for this API."
        hint="Client IDs that may get tokens for this API with client credentials. Empty: any client."
        error={errors.allowed_clients}
        disabled={disabled}
      >
        {canReadClients ? <ClientIdInput onAdd={addClient} /> : <AddNameInput label="Add client" onAdd={addClient} />}
      </ListField>
      <ApiTokenExchangeField allowed={values.token_exchange.allowed_clients} onChange={(allowed) => set({ token_exchange: { allowed_clients: allowed } })} error={errors.token_exchange} disabled={disabled} />
      <OwnersField owners={values.owners} onChange={(owners) => set({ owners })} error={errors.owners} disabled={disabled} />
    </fieldset>
  );
}
