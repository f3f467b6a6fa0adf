import type { ClientView, Page } from '@app/contracts';
import { AddNameInput } from '../forms';
import { useResource } from '../use-resource';

/** Suggests the client IDs of the first hundred applications while typing. */
export function ClientIdInput({ onAdd, label = 'Add client' }: { onAdd: (clientId: string) => void; label?: string }) {
  const clients = useResource<Page<ClientView>>('/clients?limit=100');
  return <AddNameInput label={label} suggestions={clients.data?.items.map((client) => client.client_id) ?? []} onAdd={onAdd} />;
}
