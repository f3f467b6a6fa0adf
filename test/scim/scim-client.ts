import type { ServerFixture } from '../support/server-fixture';
import { basicAuth, postForm, request, HttpResult } from '../support/http';

export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export type ScimBody = Record<string, any>;

/** A provisioning client as Entra ID or Okta is set up: a client_credentials client with scope scim. */
export class ScimClient {
  private constructor(
    private readonly baseUrl: string,
    readonly token: string,
    readonly clientId: string,
  ) {}

  static async register(ctx: ServerFixture, scope = 'scim'): Promise<ScimClient> {
    const client = await ctx.admin.registerClient({ client_name: 'Provisioning', grant_types: ['client_credentials'], scope, access_token_ttl: 86400 });
    const token = await postForm<{ access_token: string }>(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials', scope }, { authorization: basicAuth(client.client_id, client.client_secret!) });
    if (token.status !== 200) throw new Error(`scim token: ${token.status} ${token.text}`);
    return new ScimClient(`${ctx.server.baseUrl}/scim/v2`, token.body.access_token, client.client_id);
  }

  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<ScimBody>> {
    return request<ScimBody>(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined && { 'content-type': 'application/scim+json' }), ...headers },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  }

  get(path: string) {
    return this.send('GET', path);
  }

  /** GET /Users?filter=... with the filter encoded as the clients do. */
  find(resource: 'Users' | 'Groups', filter: string, extra = '') {
    return this.get(`/${resource}?filter=${encodeURIComponent(filter)}${extra}`);
  }

  patch(path: string, operations: unknown[]) {
    return this.send('PATCH', path, { schemas: [PATCH_OP], Operations: operations });
  }
}

/** RFC 7644 §3.1 / §3.12: every answer is application/scim+json. */
export function expectScimJson(response: HttpResult<unknown>): void {
  expect(response.headers.get('content-type')).toMatch(/^application\/scim\+json/);
}

export function expectScimError(response: HttpResult<ScimBody>, status: number, scimType?: string): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: expect.objectContaining({ schemas: [SCIM_ERROR], status: String(status), ...(scimType !== undefined && { scimType }) }),
  });
  expectScimJson(response);
}
