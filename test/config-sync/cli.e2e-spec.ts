import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { postForm, basicAuth } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET } from '../support/test-server';

const CLI = resolve(__dirname, '../../bin/meridian-auth.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('meridian-auth config (the command line, as a child process)', () => {
  const ctx = useTestServer();
  let folder: string;
  let file: string;

  const run = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
    new Promise((done) => {
      execFile(process.execPath, [CLI, ...args], {
        env: { PATH: process.env.PATH ?? '', MERIDIAN_SERVER: ctx.server.baseUrl, MERIDIAN_CLIENT_ID: ADMIN_CLIENT_ID, MERIDIAN_CLIENT_SECRET: ADMIN_CLIENT_SECRET, ...env },
        timeout: 30_000,
      }, (error, stdout, stderr) => done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'meridian-config-'));
    file = join(folder, 'config.yaml');
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('exports to a file that plans as no change', async () => {
    const exported = await run(['config', 'export', '--file', file]);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(parse(readFileSync(file, 'utf8'))).toMatchObject({ apiVersion: 'meridian-auth/v1', kind: 'Configuration' });
    expect(readFileSync(file, 'utf8')).not.toContain(ADMIN_CLIENT_SECRET);
    const plan = await run(['config', 'plan', '--file', file]);
    expect(plan).toMatchObject({ code: 0, stdout: 'No changes.\n' });
  });

  it('plans a change as a diff with exit code 2, applies it with --yes, and then has nothing to do', async () => {
    const document = parse(readFileSync(file, 'utf8')) as Record<string, unknown[]>;
    document.groups = [{ name: 'cli-made', description: 'From the command line', require_mfa: true }];
    document.applications.push({ client_id: 'cli-made-app', client_name: 'CLI app', redirect_uris: ['https://cli.example.com/cb'], grant_types: ['authorization_code', 'client_credentials'], client_secret: '${env:CLI_APP_SECRET}' });
    writeFileSync(file, stringify(document));
    const env = { CLI_APP_SECRET: 'a secret only this shell knows 3b1f' };

    const plan = await run(['config', 'plan', '--file', file], env);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('+ group cli-made\n    + name: "cli-made"\n');
    expect(plan.stdout).toContain('+ application cli-made-app\n');
    expect(plan.stdout).toContain('    + client_secret: "(secret)"\n');
    expect(plan.stdout).not.toContain(env.CLI_APP_SECRET);
    expect(plan.stdout).toContain('Plan: 2 to create, 0 to change, 0 to delete, 0 kept.\n');

    const unconfirmed = await run(['config', 'apply', '--file', file], env);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('pass --yes');

    const applied = await run(['config', 'apply', '--file', file, '--yes'], env);
    expect(applied).toMatchObject({ code: 0 });
    expect(applied.stdout).toContain('Applied: 2 to create');
    // The secret came from the environment of the command: the new client authenticates with it.
    const token = await postForm(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth('cli-made-app', env.CLI_APP_SECRET) });
    expect(token.status).toBe(200);

    expect(await run(['config', 'plan', '--file', file])).toMatchObject({ code: 0, stdout: 'No changes.\n' });
  });

  it('shows a refused document as an error naming the field, exit code 1', async () => {
    const document = parse(readFileSync(file, 'utf8')) as Record<string, Array<Record<string, unknown>>>;
    document.groups.push({ name: 'bad name with spaces' });
    writeFileSync(file, stringify(document));
    const plan = await run(['config', 'plan', '--file', file]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/^meridian-auth: 400 invalid_request: groups\[1\]\.name/);
  });

  it('answers usage errors with exit code 1 and needs credentials', async () => {
    expect((await run(['config', 'plan'])).stderr).toContain('needs --file');
    expect((await run(['config', 'export'], { MERIDIAN_CLIENT_ID: '', MERIDIAN_CLIENT_SECRET: '' })).code).toBe(1);
    const help = await run(['config', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('meridian-auth config apply --file F [--prune] [--yes]');
  });
});
