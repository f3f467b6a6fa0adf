import type { ApiView, Page } from '@app/contracts';
import type { ApiClient } from '../api';
import { useResource } from '../use-resource';

/** The most APIs one admin list page holds: the pickers show that many, and say when there are more. */
const CATALOG_SIZE = 100;

/** The registered APIs, for picking which of their scopes an application may request. */
export function useApiCatalog() {
  const { data, error, reload } = useResource<Page<ApiView>>(`/apis?limit=${CATALOG_SIZE}`);
  return { apis: data?.items, truncated: Boolean(data?.next_cursor), error, reload };
}

/** A client's `scope` split into the scopes of these APIs and the rest (sign-in and server scopes), kept as they are. */
export function splitScope(scope: string, apis: readonly ApiView[]): { apiScopes: string[]; others: string[] } {
  const defined = new Set(apis.flatMap((api) => api.scopes.map((entry) => entry.name)));
  const words = scope.split(' ').filter(Boolean);
  return { apiScopes: words.filter((word) => defined.has(word)), others: words.filter((word) => !defined.has(word)) };
}

/** The APIs of which an application holds at least one scope: those it may name as `resource` (RFC 8707). */
export function apisHeld(apis: readonly ApiView[], scopes: readonly string[]): ApiView[] {
  return apis.filter((api) => api.scopes.some((entry) => scopes.includes(entry.name)));
}

/**
 * An API that lists its allowed clients refuses every other one at the token endpoint, so picking its
 * scopes for an application also adds the application to that list. An empty list admits everyone and
 * stays empty.
 */
export async function admitToApis(api: ApiClient, clientId: string, apis: readonly ApiView[], scopes: readonly string[]): Promise<void> {
  for (const held of apisHeld(apis, scopes)) {
    if (held.allowed_clients.length === 0 || held.allowed_clients.includes(clientId)) continue;
    await api.send('PATCH', `/apis/${encodeURIComponent(held.id)}`, { allowed_clients: [...held.allowed_clients, clientId] });
  }
}
