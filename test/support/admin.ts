import { randomUUID } from 'node:crypto';
import { isServerScope } from '@app/access';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, TestServer } from './test-server';
import { basicAuth, postForm, postJson, request } from './http';

type ApiPage = { items: Array<{ scopes: Array<{ name: string }> }>; next_cursor: string | null };

/** An admin API caller holding a bootstrap-client token. */
export class AdminApi {
  private constructor(
    private readonly server: TestServer,
    readonly token: string,
  ) {}

  static async connect(server: TestServer): Promise<AdminApi> {
    const response = await postForm<{ access_token: string }>(
      `${server.baseUrl}/oauth2/token`,
      { grant_type: 'client_credentials', scope: 'admin' },
      { authorization: basicAuth(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET) },
    );
    if (response.status !== 200) throw new Error(`admin token: ${response.status} ${response.text}`);
    return new AdminApi(server, response.body.access_token);
  }

  get authorization(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async createClient<T = Record<string, unknown>>(metadata: Record<string, unknown>) {
    return postJson<T>(`${this.server.baseUrl}/admin/v1/clients`, metadata, this.authorization);
  }

  /**
   * Registers a client and fails the test when the server refuses. A client may hold only known scopes,
   * so the scopes it names that this server does not serve are first registered as those of an API of
   * their own, unless the test registered an API defining them already.
   */
  async registerClient(metadata: Record<string, unknown>): Promise<{ client_id: string; client_secret?: string } & Record<string, unknown>> {
    if (typeof metadata.scope === 'string') await this.defineScopes(metadata.scope.split(' '));
    const response = await this.createClient<{ client_id: string; client_secret?: string }>(metadata);
    if (response.status !== 201) throw new Error(`register client: ${response.status} ${response.text}`);
    return response.body;
  }

  /** Registers an API defining those of `scopes` that neither this server nor a registered API defines. */
  async defineScopes(scopes: readonly string[]): Promise<void> {
    const wanted = scopes.filter((scope) => scope !== '' && !isServerScope(scope));
    if (wanted.length === 0) return;
    const defined = new Set<string>();
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: { status: number; text: string; body: ApiPage } = await this.get<ApiPage>(`/admin/v1/apis?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (page.status !== 200) throw new Error(`list APIs: ${page.status} ${page.text}`);
      for (const api of page.body.items) for (const scope of api.scopes) defined.add(scope.name);
      cursor = page.body.next_cursor;
    }
    const missing = wanted.filter((scope) => !defined.has(scope));
    if (missing.length === 0) return;
    const identifier = `https://scopes.test/${randomUUID()}`;
    const created = await this.send('POST', '/admin/v1/apis', { identifier, name: `Scopes ${missing.join(' ')}`.slice(0, 200), scopes: missing.map((name) => ({ name })) });
    if (created.status !== 201) throw new Error(`register API for ${missing.join(' ')}: ${created.status} ${created.text}`);
  }

  get<T = Record<string, unknown>>(path: string) {
    return request<T>(`${this.server.baseUrl}${path}`, { headers: this.authorization });
  }

  send<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
    if (body === undefined) return request<T>(`${this.server.baseUrl}${path}`, { method, headers: this.authorization });
    return postJson<T>(`${this.server.baseUrl}${path}`, body, this.authorization, method);
  }
}
