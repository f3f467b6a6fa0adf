import { AddNameInput, ListField } from '../forms';
import { useCan } from '../permissions';
import { ClientIdInput } from './client-id-input';

const ADD_LABEL = 'Add exchanging client';

/**
 * Token exchange (RFC 8693) toward this API: the services that may trade a person's token for one meant
 * for this API, acting for that person. Empty: none may, which is the default.
 */
export function ApiTokenExchangeField({
  allowed,
  onChange,
  error,
  disabled,
}: {
  allowed: string[];
  onChange: (allowed: string[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  const canReadClients = useCan('clients:read');
  const add = (clientId: string) => onChange(allowed.includes(clientId) ? allowed : [...allowed, clientId]);
  return (
    <ListField
      label="Token exchange: allowed clients"
      items={allowed}
      describe={(clientId) => <code>{clientId}</code>}
      onRemove={(clientId) => onChange(allowed.filter((other) => other !== clientId))}
      empty="No client may exchange a person's token for one for this API."
      hint="Client IDs of services that may exchange a person's access token for a token for this API, acting on that person's behalf."
      error={error}
      disabled={disabled}
    >
      {canReadClients ? <ClientIdInput label={ADD_LABEL} onAdd={add} /> : <AddNameInput label={ADD_LABEL} onAdd={add} />}
    </ListField>
  );
}
