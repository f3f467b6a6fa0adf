import { DataSource } from 'typeorm';
import { AdminApi } from './admin';
import { basicAuth, HttpResult, postForm } from './http';
import { ADMIN_PASSWORD, ADMIN_USERNAME, TestServer } from './test-server';
import { BrowserSession, hiddenField, PageResult, submitLogin } from './browser-session';

/** RFC 8628 §3.4: the device grant's grant_type, as a client sends it. */
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface DeviceClient {
  client_id: string;
  client_secret?: string;
}

export interface DeviceStart {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
}

/** A public TV-style client registered for the device grant. */
export async function registerDeviceClient(admin: AdminApi, extra: Record<string, unknown> = {}): Promise<DeviceClient> {
  return admin.registerClient({
    client_name: 'Living Room TV',
    grant_types: [DEVICE_GRANT],
    token_endpoint_auth_method: 'none',
    scope: 'openid profile api:read',
    ...extra,
  });
}

/** Client authentication fields: Basic for confidential clients, client_id alone for public ones. */
export function clientAuth(client: DeviceClient): { params: Record<string, string>; headers: Record<string, string> } {
  if (client.client_secret) return { params: {}, headers: { authorization: basicAuth(client.client_id, client.client_secret) } };
  return { params: { client_id: client.client_id }, headers: {} };
}

export async function startDeviceFlow(server: TestServer, client: DeviceClient, params: Record<string, string> = {}): Promise<HttpResult<DeviceStart>> {
  const auth = clientAuth(client);
  return postForm<DeviceStart>(`${server.baseUrl}/oauth2/device_authorization`, { ...auth.params, ...params }, auth.headers);
}

export async function startOk(server: TestServer, client: DeviceClient, params: Record<string, string> = {}): Promise<DeviceStart> {
  const response = await startDeviceFlow(server, client, params);
  if (response.status !== 200) throw new Error(`device_authorization: ${response.status} ${response.text}`);
  return response.body;
}

export async function poll(server: TestServer, client: DeviceClient, deviceCode: string): Promise<HttpResult> {
  const auth = clientAuth(client);
  return postForm(`${server.baseUrl}/oauth2/token`, { ...auth.params, grant_type: DEVICE_GRANT, device_code: deviceCode }, auth.headers);
}

/** A browser signed in as the bootstrap admin person. */
export async function signedInBrowser(server: TestServer): Promise<BrowserSession> {
  const browser = new BrowserSession(server.baseUrl);
  const login = await browser.get('/login?return_to=/device');
  const result = await submitLogin(browser, login, ADMIN_USERNAME, ADMIN_PASSWORD);
  if (result.status !== 303) throw new Error(`sign-in: ${result.status} ${result.text.slice(0, 500)}`);
  return browser;
}

/** Submits a user code on the verification page (step 1). */
export async function enterCode(browser: BrowserSession, userCode: string): Promise<PageResult> {
  const form = await browser.get('/device');
  return browser.post('/device', { csrf_token: hiddenField(form.text, 'csrf_token'), user_code: userCode });
}

/** Enters the code and answers the allow/deny page (step 2). */
export async function decide(browser: BrowserSession, userCode: string, decision: 'allow' | 'deny'): Promise<PageResult> {
  const confirm = await enterCode(browser, userCode);
  if (confirm.status !== 200) throw new Error(`confirm page: ${confirm.status} ${confirm.text.slice(0, 500)}`);
  return browser.post('/device', {
    csrf_token: hiddenField(confirm.text, 'csrf_token'),
    user_code: hiddenField(confirm.text, 'user_code'),
    decision,
  });
}

export function database(server: TestServer): DataSource {
  return server.app.get(DataSource);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
