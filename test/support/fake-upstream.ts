import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWK, JWTPayload, SignJWT } from 'jose';

/** A key jose signs with. */
export type SigningKey = Parameters<SignJWT['sign']>[0];

/** What the token endpoint answers: the test decides, per request, which ID token it gets. */
export type TokenAnswer = (request: { authorization?: string; body: URLSearchParams }) => { status?: number; body: Record<string, unknown> };

/**
 * A controllable OpenID Provider for the cases a real one never produces: forged, expired or mis-addressed
 * ID tokens. It has its own RS256 key in its JWKS, and signs whatever the test asks it to.
 */
export class FakeUpstream {
  metadata: Record<string, unknown> = {};
  tokenAnswer: TokenAnswer = () => ({ status: 400, body: { error: 'invalid_grant' } });
  userinfo: Record<string, unknown> | undefined;
  readonly tokenRequests: Array<{ authorization?: string; body: URLSearchParams }> = [];

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    readonly privateKey: SigningKey,
    readonly publicJwk: JWK,
  ) {}

  static async start(): Promise<FakeUpstream> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid: 'fake-1', alg: 'RS256', use: 'sig' };
    let self: FakeUpstream | undefined;
    const server = createServer((request, response) => {
      void self!.answer(request).then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new FakeUpstream(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, privateKey, publicJwk);
    return self;
  }

  /** An ID token as a well-behaved upstream would sign it for `clientId` and `nonce`, with `changes` applied. */
  async idToken(clientId: string, nonce: string | undefined, changes: JWTPayload = {}, key: SigningKey = this.privateKey, kid = 'fake-1'): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = { iss: this.issuer, aud: clientId, sub: 'fake-subject-1', iat: now, exp: now + 300, email: 'eve@fake.example', email_verified: true, name: 'Eve', nonce, ...changes };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async answer(request: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/.well-known/openid-configuration') {
      return {
        status: 200,
        body: {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          jwks_uri: `${this.issuer}/jwks`,
          userinfo_endpoint: `${this.issuer}/userinfo`,
          id_token_signing_alg_values_supported: ['RS256'],
          ...this.metadata,
        },
      };
    }
    if (path === '/jwks') return { status: 200, body: { keys: [this.publicJwk] } };
    if (path === '/token') {
      let text = '';
      for await (const chunk of request) text += chunk;
      const seen = { authorization: request.headers.authorization, body: new URLSearchParams(text) };
      this.tokenRequests.push(seen);
      const answer = this.tokenAnswer(seen);
      return { status: answer.status ?? 200, body: answer.body };
    }
    if (path === '/userinfo') return this.userinfo ? { status: 200, body: this.userinfo } : { status: 401, body: { error: 'invalid_token' } };
    return { status: 404, body: { error: 'not_found' } };
  }
}
