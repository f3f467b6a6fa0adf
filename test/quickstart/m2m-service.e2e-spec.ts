import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useTestServer } from '../support/server-fixture';
import { startOrdersApi, type RunningApi } from './orders-api';
import { ReadmeSteps } from './readme-steps';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'm2m-service');
const SCRIPT = 'examples/m2m-service/call-api.mjs';
const ROOT = join(__dirname, '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the script from the repository root, as the README does, with only the given environment. */
async function runScript(env: Record<string, string>): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** examples/m2m-service as its README runs it: registered with the README's requests, against orders-api. */
describe('examples/m2m-service, run as its README says', () => {
  const ctx = useTestServer();
  let api: RunningApi;
  let readme: ReadmeSteps;

  beforeAll(async () => {
    readme = new ReadmeSteps(join(EXAMPLE, 'README.md'), { ISSUER: ctx.server.config.issuer });
    api = await startOrdersApi(ctx.server.config.issuer, readme.variables.API_RESOURCE!);
    readme.set('API_URL', `${api.baseUrl}/orders`);
    for (const { path, body } of readme.adminRequests()) {
      const response = await ctx.admin.send<{ client_id?: string; client_secret?: string }>('POST', path, body);
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${response.text}`);
      if (path === '/admin/v1/clients') {
        readme.set('CLIENT_ID', response.body.client_id!);
        readme.set('CLIENT_SECRET', response.body.client_secret!);
      }
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  it('gets a token for the API and prints its answer, naming the service as the caller', async () => {
    const run = await runScript(readme.commandEnv(SCRIPT));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const clientId = readme.variables.CLIENT_ID;
    expect(run.stdout).toBe(`200 ${JSON.stringify({ caller: { sub: clientId, client_id: clientId }, orders: [] })}\n`);
  });

  it('exits 1 with the server\'s error when the secret is wrong, and prints no secret', async () => {
    const run = await runScript({ ...readme.commandEnv(SCRIPT), CLIENT_SECRET: 'not-the-secret' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^token request failed: invalid_client/);
    expect(run.stdout + run.stderr).not.toContain('not-the-secret');
  });

  it('exits 1 printing the refusal of an API that the token is not meant for', async () => {
    const billing = await startOrdersApi(ctx.server.config.issuer, 'https://billing.example.com');
    try {
      const run = await runScript({ ...readme.commandEnv(SCRIPT), API_URL: `${billing.baseUrl}/orders` });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe(`401 ${JSON.stringify({ error: 'invalid_token', error_description: 'The access token is not intended for this resource' })}\n`);
    } finally {
      await billing.close();
    }
  });

  it('exits 1 naming what is missing when run without its settings', async () => {
    const run = await runScript({});
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Set ISSUER, CLIENT_ID, CLIENT_SECRET, API_RESOURCE, API_URL in the environment\n');
  });
});
