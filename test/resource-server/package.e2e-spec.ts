import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestServer } from '../support/server-fixture';
import { registerApi, tokenFor } from './harness';
import { packSdk, PackedTarball, ThrowawayProject } from './sdk-package';

const AUDIENCE = 'https://stock.example.com';

/** What a user's service does with the published package: verify a token, print what it learnt. */
const VERIFY_SCRIPT = `
import { InvalidTokenError, TokenVerifier } from '@meridian-auth/resource-server';

const verifier = new TokenVerifier({ issuer: process.env.ISSUER, audience: process.env.AUDIENCE });
const verified = await verifier.verify(process.env.TOKEN);
let tampered;
try {
  await verifier.verify(process.env.TAMPERED_TOKEN);
  tampered = 'accepted';
} catch (error) {
  tampered = error instanceof InvalidTokenError ? 'invalid_token' : 'other: ' + error.message;
}
console.log(JSON.stringify({ subject: verified.subject, clientId: verified.clientId, scopes: verified.scopes, source: verified.source, tampered }));
`;

const TYPED_USE = `
import { InvalidTokenError, TokenVerifier, type VerifiedToken } from '@meridian-auth/resource-server';

const verifier: TokenVerifier = new TokenVerifier({ issuer: 'https://id.example.com', audience: 'https://api.example.com' });
export async function scopesOf(token: string): Promise<readonly string[]> {
  const verified: VerifiedToken = await verifier.verify(token);
  return verified.scopes;
}
export const refused = (error: unknown): boolean => error instanceof InvalidTokenError;
`;

/** The same use with a misspelt property: must not compile, or the types resolved to nothing. */
const MISTYPED_USE = `
import { TokenVerifier } from '@meridian-auth/resource-server';

export const subjectOf = async (token: string) => (await new TokenVerifier({ issuer: 'https://id.example.com', audience: 'x' }).verify(token)).subjcet;
`;

/** Flips one character of the signature, so only the signature check can refuse it. */
function tamperSignature(jwt: string): string {
  const [header, payload, signature] = jwt.split('.');
  const flipped = (signature[5] === 'A' ? 'B' : 'A') + signature.slice(6);
  return [header, payload, signature.slice(0, 5) + flipped].join('.');
}

describe('@meridian-auth/resource-server as a package (npm pack, installed into another project)', () => {
  const ctx = useTestServer();
  let packDir: string;
  let tarball: PackedTarball;
  let project: ThrowawayProject;

  beforeAll(async () => {
    packDir = mkdtempSync(join(tmpdir(), 'sdk-pack-'));
    tarball = await packSdk(packDir);
    project = ThrowawayProject.create();
    await project.install(tarball.path);
    project.write('verify.mjs', VERIFY_SCRIPT);
    project.write('typed-use.ts', TYPED_USE);
    project.write('mistyped-use.ts', MISTYPED_USE);
  }, 240_000);

  afterAll(() => {
    project?.remove();
    if (packDir) rmSync(packDir, { recursive: true, force: true });
  });

  it('packs the built code with its declarations, the README and package.json, and nothing else', () => {
    const outside = tarball.files.filter((file) => !file.startsWith('dist/'));
    expect(outside.sort()).toEqual(['README.md', 'package.json']);
    expect(tarball.files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/nest/index.js', 'dist/nest/index.d.ts']));
    expect(tarball.files.filter((file) => /\.spec\.|\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it('verifies a real access token of the server from the installed package, and refuses it tampered', async () => {
    await registerApi(ctx.admin, { identifier: AUDIENCE, name: 'Stock', scopes: [{ name: 'stock:read' }], access_token_format: 'jwt' });
    const client = await ctx.admin.registerClient({ client_name: 'warehouse', grant_types: ['client_credentials'], scope: 'stock:read' });
    const token = await tokenFor(ctx.server, client, AUDIENCE, 'stock:read');

    const stdout = await project.node('verify.mjs', { ISSUER: ctx.server.config.issuer, AUDIENCE, TOKEN: token, TAMPERED_TOKEN: tamperSignature(token) });

    expect(JSON.parse(stdout)).toEqual({ subject: client.client_id, clientId: client.client_id, scopes: ['stock:read'], source: 'jwt', tampered: 'invalid_token' });
  });

  // Two compiler runs from cold: seconds alone, but far longer on a busy machine.
  it('gives TypeScript users its types with no other package installed', async () => {
    const [typed, mistyped] = await Promise.all([project.typecheck('typed-use.ts'), project.typecheck('mistyped-use.ts')]);
    expect(typed).toEqual({ code: 0, output: '' });
    expect(mistyped.code).not.toBe(0);
    expect(mistyped.output).toMatch(/TS2551: Property 'subjcet' does not exist on type 'VerifiedToken'/);
  }, 180_000);
});
