import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, TestServer } from './test-server';
import { basicAuth, postForm, postJson, request } from './http';

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

  /** Registers a client and fails the test when the server refuses. */
  async registerClient(metadata: Record<string, unknown>): Promise<{ client_id: string; client_secret?: string } & Record<string, unknown>> {
    const response = await this.createClient<{ client_id: string; client_secret?: string }>(metadata);
    if (response.status !== 201) throw new Error(`register client: ${response.status} ${response.text}`);
    return response.body;
  }

  get<T = Record<string, unknown>>(path: string) {
    return request<T>(`${this.server.baseUrl}${path}`, { headers: this.authorization });
  }

  send<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
    if (body === undefined) return request<T>(`${this.server.baseUrl}${path}`, { method, headers: this.authorization });
    return postJson<T>(`${this.server.baseUrl}${path}`, body, this.authorization, method);
  }
}
