import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminApi } from '../support/admin';
import {
  ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, ADMIN_PASSWORD, ADMIN_USERNAME, freePort, startTestServer, TestServer,
} from '../support/test-server';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { BrowserSession, hiddenField } from '../support/browser-session';
import { authorizeWithPkce, callbackParams, createPerson, registerWebClient, RegisteredClient } from '../support/sign-in';

interface Tenant {
  prefix: string;
  origin: string;
  client: RegisteredClient;
  person: { username: string; password: string };
}

/**
 * Two tenants served under issuer paths of one host share the browser's cookie jar (cookies are scoped by
 * host, not by port or path). Each tenant's cookies carry names of their own, so signing in at one neither
 * replaces nor ends the other's session. The second tenant is a process of its own, as in production.
 */
describe('issuer paths on one host keep their own cookies', () => {
  // Not useTestServer: two servers, one in this process and one as a process of its own.
  let inProcess: TestServer;
  let separate: ServerProcess;
  let dataDir: string;
  const tenants: Tenant[] = [];

  async function tenant(prefix: string, origin: string, baseUrl: string, server: TestServer): Promise<Tenant> {
    const admin = await AdminApi.connect({ ...server, baseUrl: origin });
    return { prefix, origin: `${baseUrl}${prefix}`, client: await registerWebClient(admin, { first_party: true }), person: await createPerson(admin) };
  }

  beforeAll(async () => {
    ensureBuilt();
    const portA = await freePort();
    inProcess = await startTestServer({ ISSUER: `http://127.0.0.1:${portA}/tenant-a`, PORT: String(portA) });
    tenants.push(await tenant('/tenant-a', `${inProcess.baseUrl}/tenant-a`, inProcess.baseUrl, inProcess));

    const portB = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'tenant-b-'));
    separate = await ServerProcess.start({
      ISSUER: `http://127.0.0.1:${portB}/tenant-b`,
      PORT: String(portB),
      DATA_DIR: dataDir,
      BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
      BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
      BOOTSTRAP_ADMIN_USERNAME: ADMIN_USERNAME,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...(process.env.DATABASE_URL ? { DATABASE_URL: '' } : {}),
    });
    tenants.push(await tenant('/tenant-b', `${separate.baseUrl}/tenant-b`, separate.baseUrl, { ...inProcess, baseUrl: separate.baseUrl }));
  }, 120_000);

  afterAll(async () => {
    await separate?.stop();
    await inProcess?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(browser: BrowserSession, at: Tenant): Promise<void> {
    const login = await browser.get(`${at.origin}/login`);
    const submitted = await browser.post(`${at.origin}/login`, {
      csrf_token: hiddenField(login.text, 'csrf_token'),
      return_to: `${at.prefix}/`,
      username: at.person.username,
      password: at.person.password,
    });
    expect(submitted.status).toBe(303);
  }

  /** A silent authorization request: a code only while the browser's session at `at` lives. */
  async function silentSignIn(browser: BrowserSession, at: Tenant): Promise<URLSearchParams> {
    const { url } = authorizeWithPkce(at.client.client_id, { prompt: 'none' });
    return callbackParams(await browser.get(`${at.origin}${url}`));
  }

  it('signing in at the second tenant keeps the first tenant\'s session', async () => {
    const [a, b] = tenants;
    const browser = new BrowserSession(a.origin);
    await signIn(browser, a);
    await signIn(browser, b);
    expect((await silentSignIn(browser, a)).get('code')).toBeTruthy();
    expect((await silentSignIn(browser, b)).get('code')).toBeTruthy();
  });

  it('names the session and CSRF cookies differently per issuer path', async () => {
    const names: string[][] = [];
    for (const at of tenants) {
      const response = await fetch(`${at.origin}/login`);
      names.push(response.headers.getSetCookie().map((line) => line.split('=')[0]));
    }
    expect(names[0]).toHaveLength(1);
    expect(names[0][0]).toMatch(/^csrf_[\w-]+$/);
    expect(names[1][0]).toMatch(/^csrf_[\w-]+$/);
    expect(names[0][0]).not.toBe(names[1][0]);
  });
});
