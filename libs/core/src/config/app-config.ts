import { AuditExportSettings, readAuditExportSettings } from './audit-export-settings';
import { ConfigError } from './config-error';
import { readEnv, EnvReader } from './env-reader';
import { MailSettings, readMailSettings } from './mail-settings';
import { MetricsSettings, readMetricsSettings } from './metrics-settings';
import { parseTrustProxy, TrustProxy } from './trust-proxy';

export type SigningAlgorithm = 'ES256' | 'RS256' | 'PS256' | 'EdDSA';
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['ES256', 'RS256', 'PS256', 'EdDSA'];
export type MigrationsMode = 'run' | 'skip';
export const MIGRATIONS_MODES: readonly MigrationsMode[] = ['run', 'skip'];
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Every setting of the server, read once from the environment at boot and validated.
 * Modules receive this object through DI and never read `process.env` themselves.
 */
export class AppConfig {
  /** PORT: TCP port the HTTP server listens on. */
  readonly port: number;
  /** HOST: interface to bind. */
  readonly host: string;
  /** ISSUER: the issuer identifier, used exactly as given (RFC 8414 §2). */
  readonly issuer: string;
  /**
   * The issuer's path (`/tenant-a` for `https://id.example.com/tenant-a`), under which every route is
   * served; empty for an issuer at the root of its host. Never ends with a slash.
   */
  readonly pathPrefix: string;
  /** DEFAULT_AUDIENCE: `aud` of access tokens requested without a `resource` (RFC 8707). */
  readonly defaultAudience: string;
  /** DATABASE_URL: PostgreSQL connection string; empty means the embedded database. */
  readonly databaseUrl: string | undefined;
  /** DATA_DIR: where the embedded database keeps its files. */
  readonly dataDir: string;
  /** LOG_LEVEL: pino level. */
  readonly logLevel: LogLevel;
  /** SIGNING_ALG: algorithm of newly generated signing keys. */
  readonly signingAlgorithm: SigningAlgorithm;
  /** ACCESS_TOKEN_TTL: access token lifetime in seconds. */
  readonly accessTokenTtl: number;
  /** REFRESH_TOKEN_TTL: refresh token lifetime in seconds. */
  readonly refreshTokenTtl: number;
  /** ID_TOKEN_TTL: id_token lifetime in seconds. */
  readonly idTokenTtl: number;
  /** AUTHORIZATION_CODE_TTL: authorization code lifetime in seconds. */
  readonly authorizationCodeTtl: number;
  /** DEVICE_CODE_TTL: device code lifetime in seconds. */
  readonly deviceCodeTtl: number;
  /** DEVICE_POLL_INTERVAL: minimum device polling interval in seconds. */
  readonly devicePollInterval: number;
  /** SESSION_TTL: SSO session lifetime in seconds. */
  readonly sessionTtl: number;
  /** KEY_ENCRYPTION_SECRET: when set, private signing keys are encrypted at rest with a key derived from it. */
  readonly keyEncryptionSecret: string | undefined;
  /** BOOTSTRAP_ADMIN_CLIENT_ID / _SECRET: first admin API client, created on an empty database. */
  readonly bootstrapAdminClientId: string | undefined;
  readonly bootstrapAdminClientSecret: string | undefined;
  /** BOOTSTRAP_ADMIN_USERNAME / _PASSWORD: first admin person, created on an empty database. */
  readonly bootstrapAdminUsername: string | undefined;
  readonly bootstrapAdminPassword: string | undefined;
  /** BODY_LIMIT: largest accepted request body in bytes. */
  readonly bodyLimit: number;
  /** DB_STATEMENT_TIMEOUT_MS: PostgreSQL statement timeout. */
  readonly statementTimeoutMs: number;
  /** WORKERS: server processes sharing the port (node:cluster); more than one needs DATABASE_URL. */
  readonly workers: number;
  /** SHUTDOWN_DRAIN_MS: after SIGTERM, how long readiness is red before the listener closes. */
  readonly shutdownDrainMs: number;
  /** TRUST_PROXY: which peers' X-Forwarded-For/-Proto/-Host are believed; none by default. */
  readonly trustProxy: TrustProxy;
  /** PASSWORD_HASH_QUEUE_LIMIT: password checks that may wait for a free hashing slot; more get 503. */
  readonly passwordHashQueueLimit: number;
  /** PASSWORD_HASH_QUEUE_TIMEOUT_MS: longest wait for a hashing slot before 503 (below the 10 s connection timeout). */
  readonly passwordHashQueueTimeoutMs: number;
  /** LOGIN_MAX_FAILURES: failed sign-ins of one account name (known or not) that lock it. */
  readonly loginMaxFailures: number;
  /**
   * LOGIN_LOCKOUT_S: how long a lock lasts, counted from the attempt that reached LOGIN_MAX_FAILURES; also
   * the window in which failures are counted, from the first failure.
   */
  readonly loginLockoutSeconds: number;
  /** WEBAUTHN_RP_ID: the WebAuthn relying party id passkeys are bound to; the issuer's host name by default. */
  readonly webauthnRpId: string;
  /** WEBAUTHN_ORIGINS: the origins (comma-separated) passkey ceremonies may come from; the issuer's origin by default. */
  readonly webauthnOrigins: string[];
  /** LOGOUT_DELIVERY_ATTEMPTS: tries of one back-channel logout delivery before it is dead-lettered. */
  readonly logoutDeliveryAttempts: number;
  /** LOGOUT_RETRY_BASE_MS: the first retry's delay; each further one doubles it (with jitter, capped at an hour). */
  readonly logoutRetryBaseMs: number;
  /** LOGOUT_DELIVERY_TIMEOUT_MS: how long one logout token POST may take. */
  readonly logoutDeliveryTimeoutMs: number;
  /** DPOP_NONCE: whether DPoP proofs must carry a nonce the server issued (RFC 9449 §8). */
  readonly dpopNonce: boolean;
  /** DPOP_PROOF_WINDOW_S: how far a DPoP proof's iat may be from the server's clock, either way. */
  readonly dpopProofWindowSeconds: number;
  /**
   * JWKS_URI_ALLOW_PRIVATE (development and tests only, default false): a client's jwks_uri may be http and
   * may resolve to a private, loopback or link-local address.
   */
  readonly jwksUriAllowPrivate: boolean;
  /** PAR_REQUEST_TTL: seconds a pushed authorization request's request_uri stays usable (RFC 9126 §2.2). */
  readonly parRequestTtl: number;
  /** REQUIRE_PAR: every authorization request must be pushed first (RFC 8414 require_pushed_authorization_requests). */
  readonly requirePar: boolean;
  /** TOKEN_EXCHANGE_MAX_DEPTH: longest actor chain (nested act, RFC 8693 §4.1) an exchanged token may carry. */
  readonly tokenExchangeMaxDepth: number;
  /**
   * MIGRATIONS: `run` (default) applies pending migrations at start; `skip` leaves them to the `migrate`
   * command (a Kubernetes Job) and refuses to start while any is pending.
   */
  readonly migrations: MigrationsMode;
  /** METRICS_PORT / METRICS_HOST / METRICS_TOKEN: how `/metrics` is served, if at all (see MetricsSettings). */
  readonly metrics: MetricsSettings;
  /** AUDIT_WEBHOOK_URL / AUDIT_WEBHOOK_SECRET / AUDIT_STDOUT / AUDIT_RETENTION_DAYS (see AuditExportSettings). */
  readonly audit: AuditExportSettings;
  /** SMTP_URL / SMTP_REQUIRE_TLS / MAIL_FROM / PASSWORD_RESET_TTL: outgoing mail and password reset (see MailSettings). */
  readonly mail: MailSettings;

  constructor(env: Record<string, string | undefined>) {
    const read: EnvReader = readEnv(env);
    this.port = read.integer('PORT', 3000, { min: 0, max: 65535 });
    this.host = read.string('HOST', '0.0.0.0');
    this.issuer = read.url('ISSUER', `http://localhost:${this.port}`);
    this.pathPrefix = issuerPathPrefix(this.issuer);
    this.defaultAudience = read.string('DEFAULT_AUDIENCE', this.issuer);
    this.databaseUrl = read.optionalPostgresUrl('DATABASE_URL');
    this.dataDir = read.string('DATA_DIR', './data');
    this.logLevel = read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info');
    this.signingAlgorithm = read.oneOf('SIGNING_ALG', SIGNING_ALGORITHMS, 'ES256');
    this.accessTokenTtl = read.integer('ACCESS_TOKEN_TTL', 3600, { min: 30, max: 86400 });
    this.refreshTokenTtl = read.integer('REFRESH_TOKEN_TTL', 30 * 86400, { min: 60, max: 365 * 86400 });
    this.idTokenTtl = read.integer('ID_TOKEN_TTL', 3600, { min: 30, max: 86400 });
    this.authorizationCodeTtl = read.integer('AUTHORIZATION_CODE_TTL', 60, { min: 10, max: 600 });
    this.deviceCodeTtl = read.integer('DEVICE_CODE_TTL', 600, { min: 60, max: 3600 });
    this.devicePollInterval = read.integer('DEVICE_POLL_INTERVAL', 5, { min: 1, max: 60 });
    this.sessionTtl = read.integer('SESSION_TTL', 8 * 3600, { min: 60, max: 30 * 86400 });
    this.keyEncryptionSecret = read.optionalString('KEY_ENCRYPTION_SECRET');
    this.bootstrapAdminClientId = read.optionalString('BOOTSTRAP_ADMIN_CLIENT_ID');
    this.bootstrapAdminClientSecret = read.optionalString('BOOTSTRAP_ADMIN_CLIENT_SECRET');
    this.bootstrapAdminUsername = read.optionalString('BOOTSTRAP_ADMIN_USERNAME');
    this.bootstrapAdminPassword = read.optionalString('BOOTSTRAP_ADMIN_PASSWORD');
    this.bodyLimit = read.integer('BODY_LIMIT', 64 * 1024, { min: 1024, max: 10 * 1024 * 1024 });
    this.statementTimeoutMs = read.integer('DB_STATEMENT_TIMEOUT_MS', 5000, { min: 100, max: 600000 });
    this.shutdownDrainMs = read.integer('SHUTDOWN_DRAIN_MS', 3000, { min: 0, max: 120000 });
    this.workers = read.integer('WORKERS', 1, { min: 1, max: 64 });
    this.trustProxy = parseTrustProxy(read.optionalString('TRUST_PROXY'));
    this.passwordHashQueueLimit = read.integer('PASSWORD_HASH_QUEUE_LIMIT', 100, { min: 0, max: 10000 });
    this.passwordHashQueueTimeoutMs = read.integer('PASSWORD_HASH_QUEUE_TIMEOUT_MS', 5000, { min: 100, max: 8000 });
    this.loginMaxFailures = read.integer('LOGIN_MAX_FAILURES', 5, { min: 1, max: 1000 });
    this.loginLockoutSeconds = read.integer('LOGIN_LOCKOUT_S', 900, { min: 1, max: 30 * 86400 });
    this.webauthnRpId = read.string('WEBAUTHN_RP_ID', hostOf(this.issuer));
    this.webauthnOrigins = (read.optionalString('WEBAUTHN_ORIGINS') ?? originOf(this.issuer)).split(',').map((origin) => origin.trim()).filter(Boolean);
    this.logoutDeliveryAttempts = read.integer('LOGOUT_DELIVERY_ATTEMPTS', 8, { min: 1, max: 50 });
    this.logoutRetryBaseMs = read.integer('LOGOUT_RETRY_BASE_MS', 5000, { min: 10, max: 3600000 });
    this.logoutDeliveryTimeoutMs = read.integer('LOGOUT_DELIVERY_TIMEOUT_MS', 5000, { min: 100, max: 60000 });
    this.dpopNonce = read.oneOf('DPOP_NONCE', ['true', 'false'], 'false') === 'true';
    this.dpopProofWindowSeconds = read.integer('DPOP_PROOF_WINDOW_S', 60, { min: 5, max: 600 });
    this.jwksUriAllowPrivate = read.oneOf('JWKS_URI_ALLOW_PRIVATE', ['true', 'false'], 'false') === 'true';
    this.parRequestTtl = read.integer('PAR_REQUEST_TTL', 60, { min: 10, max: 600 });
    this.tokenExchangeMaxDepth = read.integer('TOKEN_EXCHANGE_MAX_DEPTH', 3, { min: 1, max: 10 });
    this.requirePar = read.oneOf('REQUIRE_PAR', ['true', 'false'], 'false') === 'true';
    this.migrations = read.oneOf('MIGRATIONS', MIGRATIONS_MODES, 'run');
    this.metrics = readMetricsSettings(read, this.port);
    this.audit = readAuditExportSettings(read);
    this.mail = readMailSettings(read);
    if (this.workers > 1 && !this.databaseUrl) {
      throw new ConfigError('WORKERS', 'above 1 needs DATABASE_URL: the embedded database serves one process');
    }
    if (Boolean(this.bootstrapAdminClientId) !== Boolean(this.bootstrapAdminClientSecret)) {
      throw new ConfigError('BOOTSTRAP_ADMIN_CLIENT_ID', 'must be set together with BOOTSTRAP_ADMIN_CLIENT_SECRET');
    }
    if (Boolean(this.bootstrapAdminUsername) !== Boolean(this.bootstrapAdminPassword)) {
      throw new ConfigError('BOOTSTRAP_ADMIN_USERNAME', 'must be set together with BOOTSTRAP_ADMIN_PASSWORD');
    }
    read.assertNoErrors();
  }

  /** True when the issuer is served over TLS, so cookies can carry the Secure flag. */
  get secureCookies(): boolean {
    return this.issuer.startsWith('https://');
  }

  /** An absolute URL of one of our own endpoints. */
  endpoint(path: string): string {
    return `${this.issuer}${path}`;
  }

  /** The path a browser uses for one of our own pages (`/tenant-a/login`): `endpoint()` without the origin. */
  localPath(path: string): string {
    return `${this.pathPrefix}${path}`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'localhost'; // Already reported by the URL check.
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'http://localhost';
  }
}

/**
 * `endpoint()` appends to the issuer as given, so the routes must live under exactly its path. Segments are
 * limited to unreserved characters: `:` or `*` would turn into route parameters, percent-encoding would
 * make the advertised URLs differ from the served ones, and a trailing slash would give `//oauth2/token`.
 */
function issuerPathPrefix(issuer: string): string {
  let path: string;
  try {
    path = new URL(issuer).pathname;
  } catch {
    return ''; // Already reported by the URL check.
  }
  if (path === '/') {
    if (issuer.endsWith('/')) {
      throw new ConfigError('ISSUER', `must not end with a slash: endpoints are the issuer followed by their path, so "${issuer}" would give "${issuer}/oauth2/token"; use "${issuer.slice(0, -1)}"`);
    }
    return '';
  }
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(path) || !issuer.endsWith(path)) {
    throw new ConfigError('ISSUER', `path must be /segment[/segment...] of letters, digits, '.', '_', '~' or '-', without a trailing slash; got "${path}"`);
  }
  return path;
}
