import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './test-server';

export interface UpstreamAccount {
  claims: Record<string, unknown>;
}

export interface UpstreamClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/**
 * A real, independent OpenID Provider (node-oidc-provider) in its own process on a free loopback port,
 * with a confidential client (client_secret_basic, PKCE) for the server under test.
 */
export class UpstreamOidcProvider {
  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
    readonly port: number,
  ) {}

  /** `redirectUris` may be given later through `clients` only at start: the port is chosen first for that. */
  static async start(options: { clients: (issuer: string) => UpstreamClient[]; /** Keyed by `sub`. */
    accounts: Record<string, UpstreamAccount>; defaultAccount: string; port?: number }): Promise<UpstreamOidcProvider> {
    const port = options.port ?? (await freePort());
    const issuer = `http://127.0.0.1:${port}`;
    const clients = options.clients(issuer).map((client) => ({
      ...client,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }));
    const child = spawn(process.execPath, [join(__dirname, 'upstream', 'oidc-provider-upstream.mjs')], {
      env: { ...process.env, NODE_OPTIONS: '', UPSTREAM_CONFIG: JSON.stringify({ port, issuer, clients, accounts: options.accounts, defaultAccount: options.defaultAccount }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`upstream did not start: ${output}`)), 20_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`upstream exited with ${code}: ${output}`));
      });
    });
    return new UpstreamOidcProvider(child, issuer, port);
  }

  /** Changes accounts (merged claim by claim) or which account signs in when no login_hint names one. */
  async control(change: { current?: string; accounts?: Record<string, Partial<UpstreamAccount>> }): Promise<void> {
    const response = await fetch(`${this.issuer}/__test/control`, { method: 'POST', body: JSON.stringify(change) });
    if (response.status !== 204) throw new Error(`upstream control: ${response.status}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
