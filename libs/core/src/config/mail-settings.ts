import { ConfigError } from './config-error';
import type { EnvReader } from './env-reader';

/** Where outgoing mail (password reset links) goes; without SMTP_URL no mail is sent and resets are off. */
export interface MailSettings {
  /** SMTP_URL, parsed: undefined when mail is off. */
  readonly smtp: SmtpServer | undefined;
  /** MAIL_FROM: the From address of every mail; required with SMTP_URL. */
  readonly from: string | undefined;
  /** PASSWORD_RESET_TTL: seconds a password reset link stays usable. */
  readonly passwordResetTtl: number;
}

export interface SmtpServer {
  readonly host: string;
  readonly port: number;
  /** smtps://: TLS from the first byte (implicit TLS, RFC 8314 §3.3); smtp:// upgrades with STARTTLS when offered. */
  readonly implicitTls: boolean;
  /** SMTP_REQUIRE_TLS: an smtp:// server must offer STARTTLS, or nothing is sent in the clear. */
  readonly requireTls: boolean;
  /** From the URL's user info, percent-decoded; never logged. */
  readonly user: string | undefined;
  readonly password: string | undefined;
}

/** A mailbox `local@domain`, optionally as `Name <local@domain>`; no line breaks (header injection). */
const MAILBOX = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

export function readMailSettings(read: EnvReader): MailSettings {
  const smtp = smtpServer(read.optionalString('SMTP_URL'), read.oneOf('SMTP_REQUIRE_TLS', ['true', 'false'], 'false') === 'true');
  const from = read.optionalString('MAIL_FROM');
  if (smtp && from === undefined) throw new ConfigError('MAIL_FROM', 'must be set with SMTP_URL: every mail needs a sender');
  if (from !== undefined && !MAILBOX.test(from)) throw new ConfigError('MAIL_FROM', `must be an address like noreply@example.com or "Example <noreply@example.com>", got "${from}"`);
  return { smtp, from, passwordResetTtl: read.integer('PASSWORD_RESET_TTL', 30 * 60, { min: 1, max: 24 * 3600 }) };
}

/** The messages never repeat the URL: it may hold the SMTP password. */
function smtpServer(value: string | undefined, requireTls: boolean): SmtpServer | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('SMTP_URL', 'must be a URL like smtp://user:password@mail.example.com:587 or smtps://mail.example.com');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError('SMTP_URL', `must use smtp or smtps, got "${url.protocol.replace(/:$/, '')}"`);
  if (!url.hostname) throw new ConfigError('SMTP_URL', 'must name a host');
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    throw new ConfigError('SMTP_URL', 'must be scheme, credentials, host and port only (TLS is required with SMTP_REQUIRE_TLS=true)');
  }
  const implicitTls = url.protocol === 'smtps:';
  // RFC 8314 §7.3 (465, implicit TLS); RFC 6409 §3.1 (587, submission with STARTTLS).
  const port = url.port ? Number(url.port) : implicitTls ? 465 : 587;
  const decode = (part: string) => (part ? decodeURIComponent(part) : undefined);
  let user: string | undefined;
  let password: string | undefined;
  try {
    user = decode(url.username);
    password = decode(url.password);
  } catch {
    throw new ConfigError('SMTP_URL', 'has user info that is not valid percent-encoding');
  }
  // Bracketed IPv6 literals lose their brackets: the socket wants the bare address.
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, implicitTls, requireTls: requireTls && !implicitTls, user, password };
}
