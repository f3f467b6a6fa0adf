import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createRemoteJWKSet, decodeProtectedHeader, JWTPayload, jwtVerify } from 'jose';
import { BACKCHANNEL_LOGOUT_EVENT } from '@meridian-auth/resource-server';

/** One POST the receiver got, and what checking its logout_token found. */
export interface ReceivedLogout {
  path: string;
  contentType: string;
  /** The status the receiver answered with; 'hang' when it never answered. */
  answered: number | 'hang';
  token: string;
  header: Record<string, unknown>;
  /** The verified claims; undefined when verification failed (see `problem`). */
  claims?: JWTPayload;
  problem?: string;
}

type Answer = number | 'hang';

/**
 * An app's back-channel logout endpoint on 127.0.0.1 (Back-Channel Logout 1.0 §2.5-§2.6): records every
 * POST and verifies its logout_token against the issuer's JWKS, as an app would: signature, iss, aud
 * (the path names the client), typ logout+jwt, the logout event, and no nonce. Each path answers 200
 * unless told otherwise, one answer per request in order.
 */
export class LogoutReceiver {
  private readonly received: ReceivedLogout[] = [];
  private readonly answers = new Map<string, Answer[]>();
  private readonly sockets = new Set<Socket>();
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  private constructor(
    private readonly server: Server,
    private readonly issuer: string,
    jwksUri: string,
    readonly baseUrl: string,
  ) {
    this.jwks = createRemoteJWKSet(new URL(jwksUri));
  }

  /** `jwksUri`: where the issuer publishes its keys (the test server's own address). */
  static async start(issuer: string, jwksUri: string): Promise<LogoutReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const receiver = new LogoutReceiver(server, issuer, jwksUri, `http://127.0.0.1:${port}`);
    server.on('connection', (socket) => {
      receiver.sockets.add(socket);
      socket.on('close', () => receiver.sockets.delete(socket));
    });
    server.on('request', (request, response) => void receiver.handle(request, response));
    return receiver;
  }

  /** The endpoint URL of the app `clientId` (its path is the client id, the token's expected audience). */
  url(clientId: string): string {
    return `${this.baseUrl}/${clientId}`;
  }

  /** The next requests for `clientId` get these answers, in order; then 200 again. */
  answerNext(clientId: string, ...answers: Answer[]): void {
    this.answers.set(`/${clientId}`, [...(this.answers.get(`/${clientId}`) ?? []), ...answers]);
  }

  for(clientId: string): ReceivedLogout[] {
    return this.received.filter((entry) => entry.path === `/${clientId}`);
  }

  get all(): readonly ReceivedLogout[] {
    return this.received;
  }

  /** Waits until `clientId` has received `count` requests. */
  async waitFor(clientId: string, count: number, timeoutMs = 15_000): Promise<ReceivedLogout[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.for(clientId).length < count) {
      if (Date.now() > deadline) throw new Error(`${clientId} received ${this.for(clientId).length} logout tokens, expected ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.for(clientId);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = request.url ?? '/';
    const queue = this.answers.get(path) ?? [];
    const answer = queue.shift() ?? 200;
    const token = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('logout_token') ?? '';
    const entry: ReceivedLogout = { path, contentType: String(request.headers['content-type']), answered: answer, token, header: {} };
    this.received.push(entry);
    await this.verify(entry, path.slice(1));
    if (answer === 'hang') return;
    response.writeHead(answer, { 'Cache-Control': 'no-store' }).end();
  }

  private async verify(entry: ReceivedLogout, audience: string): Promise<void> {
    try {
      entry.header = decodeProtectedHeader(entry.token) as Record<string, unknown>;
      const { payload } = await jwtVerify(entry.token, this.jwks, { issuer: this.issuer, audience, typ: 'logout+jwt', requiredClaims: ['iat', 'exp', 'jti'] });
      // Back-Channel Logout 1.0 §2.6: the event must be there, a nonce must not, and sub or sid must be.
      const events = payload.events as Record<string, unknown> | undefined;
      if (!events || typeof events[BACKCHANNEL_LOGOUT_EVENT] !== 'object') throw new Error('no back-channel logout event');
      if ('nonce' in payload) throw new Error('a nonce is present');
      if (!payload.sub && !payload.sid) throw new Error('neither sub nor sid');
      entry.claims = payload;
    } catch (error) {
      entry.problem = error instanceof Error ? error.message : String(error);
    }
  }
}
