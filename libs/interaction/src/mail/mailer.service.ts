import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_LOGGER, AppConfig, AppLogger, SmtpServer } from '@app/core';

/** One mail to one person, as plain text: no HTML, so nothing in it can be rendered against them. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The language the mail is written in (BCP 47), sent as Content-Language for mail clients and screen readers. */
  language?: string;
}

/**
 * Sends mail through the SMTP server of SMTP_URL: one transport, made at start and closed at shutdown.
 * An smtp:// server is upgraded with STARTTLS whenever it offers it (and must, with SMTP_REQUIRE_TLS);
 * certificates are always verified. With no SMTP_URL, `enabled` is false and nothing is sent.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter | undefined;

  constructor(
    private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {
    const smtp = config.mail.smtp;
    this.transport = smtp ? createTransport(transportOptions(smtp), { from: config.mail.from }) : undefined;
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  /** Resolves true once the server accepted the mail; a failure is logged (never the message) and gives false. */
  async send(mail: OutgoingMail): Promise<boolean> {
    if (!this.transport) return false;
    try {
      const headers = mail.language ? { 'Content-Language': mail.language } : undefined;
      await this.transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, headers });
      return true;
    } catch (error) {
      const failure = error as { code?: string; responseCode?: number; message?: string };
      // The code and the server's answer, which name no secret; the mail itself holds a reset link.
      this.logger.warn({ code: failure.code, responseCode: failure.responseCode, reason: failure.message?.slice(0, 200) }, 'mail not sent');
      return false;
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

function transportOptions(smtp: SmtpServer) {
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.implicitTls,
    requireTLS: smtp.requireTls,
    auth: smtp.user !== undefined ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    // A slow or silent server holds no request: mail is sent after the page has answered, and gives up.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}
