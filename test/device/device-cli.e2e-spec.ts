import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { useTestServer } from '../support/server-fixture';
import { decide, registerDeviceClient, signedInBrowser } from '../support/device';

const CLI = join(__dirname, '..', '..', 'examples', 'device-cli', 'device-login.mjs');

interface CliRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
}

function runCli(env: Record<string, string>, args: string[] = []): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners: Array<() => void> = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    listeners.forEach((listener) => listener());
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (match) resolve(match);
      };
      listeners.push(check);
      check();
      void exited.then(() => reject(new Error(`CLI exited before printing ${pattern}:\n${output}`)));
    });
  return { child, output: () => output, exited, waitFor };
}

describe('examples/device-cli against the server', () => {
  const ctx = useTestServer({ DEVICE_POLL_INTERVAL: '1' });

  it('discovers, prints the code, polls while the person approves over HTTP, then prints the claims', async () => {
    const client = await registerDeviceClient(ctx.admin, { client_name: 'Terminal' });
    const cli = runCli({ ISSUER: ctx.server.config.issuer, CLIENT_ID: client.client_id }, ['--scope', 'openid api:read']);
    try {
      const [, uri, userCode] = await cli.waitFor(/open (\S+) and enter the code ([A-Z]{4}-[A-Z]{4})/);
      expect(uri).toBe(`${ctx.server.config.issuer}/device`);
      await cli.waitFor(/Waiting for approval/);
      // Let it poll at least once while pending.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const browser = await signedInBrowser(ctx.server);
      expect((await decide(browser, userCode, 'allow')).status).toBe(200);
      expect(await cli.exited).toBe(0);
      const output = cli.output();
      expect(output).toContain('Access token claims:');
      expect(output).toContain(`"client_id": "${client.client_id}"`);
      expect(output).toContain('"scope": "openid api:read"');
      expect(output).toContain('ID token claims:');
    } finally {
      cli.child.kill();
    }
  });

  it('exits 1 with a message when the person denies', async () => {
    const client = await registerDeviceClient(ctx.admin, { client_name: 'Terminal' });
    const cli = runCli({}, [`--issuer=${ctx.server.config.issuer}`, `--client-id=${client.client_id}`]);
    try {
      const [, , userCode] = await cli.waitFor(/open (\S+) and enter the code ([A-Z]{4}-[A-Z]{4})/);
      const browser = await signedInBrowser(ctx.server);
      await decide(browser, userCode, 'deny');
      expect(await cli.exited).toBe(1);
      expect(cli.output()).toContain('access was denied');
    } finally {
      cli.child.kill();
    }
  });

  it('exits 1 with usage help when ISSUER or CLIENT_ID is missing', async () => {
    const cli = runCli({});
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain('Set ISSUER and CLIENT_ID');
  });
});
