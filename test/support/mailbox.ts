import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail the test SMTP server accepted, parsed. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** Its Content-Language header, when it has one. */
  language?: string;
  /** The connection was TLS (STARTTLS) when the mail was sent. */
  secure: boolean;
}

export interface MailboxOptions {
  /** Offer STARTTLS with this certificate; without it, STARTTLS is not offered at all. */
  tls?: { key: string; cert: string };
  /** Require SMTP AUTH with these credentials (allowed without TLS: the test runs on loopback only). */
  login?: { user: string; password: string };
}

/**
 * An SMTP server in the test process (no AUTH unless asked for) that keeps what it receives: the real wire protocol,
 * as the server under test speaks it to a real mail relay.
 */
export class Mailbox {
  readonly received: ReceivedMail[] = [];
  private waiters: Array<() => void> = [];

  private constructor(private readonly server: SMTPServer, readonly port: number) {}

  static async start(options: MailboxOptions = {}): Promise<Mailbox> {
    let mailbox: Mailbox | undefined;
    const server = new SMTPServer({
      ...(options.login
        ? {
            authOptional: false,
            allowInsecureAuth: true,
            authMethods: ['PLAIN', 'LOGIN'],
            onAuth(auth, _session, callback) {
              const ok = auth.username === options.login!.user && auth.password === options.login!.password;
              callback(ok ? null : new Error('invalid credentials'), ok ? { user: auth.username } : undefined);
            },
          }
        : { authOptional: true, disabledCommands: ['AUTH'] }),
      ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : { hideSTARTTLS: true }),
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            mailbox!.deliver({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              language: parsed.headers.get('content-language')?.toString(),
              secure: session.secure,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    mailbox = new Mailbox(server, (server.server.address() as AddressInfo).port);
    return mailbox;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The mails sent to `address` so far. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.some((to) => to.toLowerCase() === address.toLowerCase()));
  }

  /** Waits for the `count`-th mail to `address`. */
  async waitFor(address: string, count = 1, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(address).length < count) {
      if (Date.now() > deadline) throw new Error(`no mail #${count} to ${address} within ${timeoutMs} ms (got ${this.received.length} in all)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
    return this.to(address)[count - 1];
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private deliver(mail: ReceivedMail): void {
    this.received.push(mail);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** The reset link in a mail's text. */
export function resetLinkIn(mail: ReceivedMail): string {
  const match = /https?:\/\/\S+\/login\/reset\?token=[A-Za-z0-9_-]+/.exec(mail.text);
  if (!match) throw new Error(`no reset link in mail:\n${mail.text}`);
  return match[0];
}

/** A throwaway certificate for `localhost` and 127.0.0.1, self-signed, so it can be its own trust anchor. */
export function throwawayCertificate(): { key: string; cert: string; certFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}
