import type { FetchLike, FetchRequestInit } from '@meridian-auth/resource-server';
import type { ResourceServerModuleOptions } from '@meridian-auth/resource-server/nest';
import { createOrdersApp } from '../../apps/orders-api/src/create-orders-app';
import { AdminApi } from '../support/admin';
import { basicAuth, postForm, request, type HttpResult } from '../support/http';
import { freePort, type TestServer } from '../support/test-server';

export interface ApiRegistration {
  id: string;
  identifier: string;
  client_id: string;
  client_secret: string;
}

export interface ClientRegistration {
  client_id: string;
  client_secret?: string;
}

export const ORDERS = 'https://orders.example.com';
export const BILLING = 'https://billing.example.com';
export const INVENTORY = 'https://inventory.example.com';

/** Registers an API on the authorization server, failing the test when it refuses. */
export async function registerApi(admin: AdminApi, body: Record<string, unknown>): Promise<ApiRegistration> {
  const response = await admin.send<ApiRegistration>('POST', '/admin/v1/apis', body);
  if (response.status !== 201) throw new Error(`register API: ${response.status} ${response.text}`);
  return response.body;
}

/** client_credentials with `resource` (RFC 8707), so the token's aud is that API. */
export async function tokenFor(server: TestServer, client: ClientRegistration, resource: string, scope?: string): Promise<string> {
  const response = await postForm<{ access_token: string }>(
    `${server.baseUrl}/oauth2/token`,
    { grant_type: 'client_credentials', resource, ...(scope === undefined ? {} : { scope }) },
    { authorization: basicAuth(client.client_id, client.client_secret!) },
  );
  if (response.status !== 200) throw new Error(`token: ${response.status} ${response.text}`);
  return response.body.access_token;
}

export async function revoke(server: TestServer, client: ClientRegistration, token: string): Promise<void> {
  const response = await postForm(`${server.baseUrl}/oauth2/revoke`, { token }, { authorization: basicAuth(client.client_id, client.client_secret!) });
  if (response.status !== 200) throw new Error(`revoke: ${response.status} ${response.text}`);
}

/** The SDK's `fetch` option, counting the requests per path (JWKS, introspection, discovery). */
export class CountingFetch {
  private readonly counts = new Map<string, number>();

  readonly fetch: FetchLike = (url: string, init: FetchRequestInit) => {
    const path = new URL(url).pathname;
    this.counts.set(path, this.count(path) + 1);
    return fetch(url, init);
  };

  count(path: string): number {
    return this.counts.get(path) ?? 0;
  }
}

/** A settable clock for the SDK's `now` option, so cache and cool-down windows pass without waiting. */
export class SkewableClock {
  private offsetMs = 0;
  readonly now = (): number => Date.now() + this.offsetMs;

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

/** The example backend (apps/orders-api), listening on a loopback port. */
export interface RunningOrdersApi {
  baseUrl: string;
  get(path: string, token?: string): Promise<HttpResult>;
  post(path: string, body: unknown, token?: string): Promise<HttpResult>;
  close(): Promise<void>;
}

export async function startOrdersApi(options: ResourceServerModuleOptions): Promise<RunningOrdersApi> {
  const app = await createOrdersApp(options, { logger: false });
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const auth = (token?: string): Record<string, string> => (token === undefined ? {} : { authorization: `Bearer ${token}` });
  return {
    baseUrl,
    get: (path, token) => request(`${baseUrl}${path}`, { headers: auth(token) }),
    post: (path, body, token) =>
      request(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth(token) },
        body: JSON.stringify(body),
      }),
    close: () => app.close(),
  };
}
