import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'audit-event.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);

/** Whether an exported event matches docs/audit-event.schema.json. */
export const validateAuditEvent = ajv.compile(schema);

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver that answers `status()` to each POST and keeps what it was sent. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  status: () => number = () => 204;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const receiver: WebhookReceiver = new WebhookReceiver(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
          response.writeHead(receiver.status()).end();
        });
      }),
    );
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/audit`;
  }

  /** Events of the POSTs the receiver answered 2xx, in the order sent. */
  accepted(statuses: number[]): Array<Record<string, unknown>> {
    return this.received.flatMap((delivery, index) => (statuses[index] < 300 ? (JSON.parse(delivery.body) as { events: Array<Record<string, unknown>> }).events : []));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The documented check (docs/audit-events.md): HMAC-SHA256 over `<t>.<raw body>`, compared in constant time. */
export function signatureVerifies(delivery: Received, secret: string): boolean {
  const header = String(delivery.headers['meridian-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=')));
  const expected = Buffer.from(createHmac('sha256', secret).update(`${parts.t}.${delivery.body}`).digest('hex'));
  const given = Buffer.from(parts.v1 ?? '');
  return Math.abs(Date.now() / 1000 - Number(parts.t)) <= 300 && given.length === expected.length && timingSafeEqual(given, expected);
}

export async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
