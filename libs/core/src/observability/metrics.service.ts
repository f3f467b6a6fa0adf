import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type ClientType = 'public' | 'confidential';
/** `password` covers local and directory (LDAP) accounts alike: the person cannot tell them apart either. */
export type SignInMethod = 'password' | 'passkey' | 'second_factor' | 'upstream_oidc';
/** The statement kinds query latency is split by: a closed set, so no SQL text ever becomes a label. */
export type QueryOperation = 'select' | 'insert' | 'update' | 'delete' | 'transaction' | 'other';

/** One sample of a gauge read when Prometheus scrapes. */
export interface GaugeSample {
  labels: Record<string, string>;
  value: number;
}

const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The server's Prometheus instruments, one registry per process. Every label takes values from a closed
 * set (route templates, grant types, error codes, reasons): never a user, a client id or a token, so the
 * number of series stays bounded whatever the traffic.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'meridian_http_requests_total',
    help: 'HTTP requests answered, by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'meridian_http_request_duration_seconds',
    help: 'Time from request to response, by route template and method',
    labelNames: ['route', 'method'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  private readonly tokensIssued = new Counter({
    name: 'meridian_tokens_issued_total',
    help: 'Token responses from the token endpoint, by grant type and client type',
    labelNames: ['grant_type', 'client_type'] as const,
    registers: [this.registry],
  });

  private readonly oauthErrors = new Counter({
    name: 'meridian_oauth_errors_total',
    help: 'Errors answered, by OAuth error code and route template',
    labelNames: ['error', 'endpoint'] as const,
    registers: [this.registry],
  });

  private readonly signIns = new Counter({
    name: 'meridian_sign_ins_total',
    help: 'Sign-in attempts, by method and result (succeeded, or the reason it failed)',
    labelNames: ['method', 'result'] as const,
    registers: [this.registry],
  });

  private readonly lockouts = new Counter({
    name: 'meridian_lockouts_total',
    help: 'Account names locked after reaching LOGIN_MAX_FAILURES',
    registers: [this.registry],
  });

  private readonly upstreamDuration = new Histogram({
    name: 'meridian_upstream_request_duration_seconds',
    help: 'Calls to upstream identity providers, by provider type and outcome',
    labelNames: ['provider_type', 'outcome'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  private readonly queryDuration = new Histogram({
    name: 'meridian_db_query_duration_seconds',
    help: 'Database statements, by kind',
    labelNames: ['operation'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    // Process metrics (CPU, memory, handles) and event-loop lag (nodejs_eventloop_lag_*).
    collectDefaultMetrics({ register: this.registry });
  }

  tokenIssued(grantType: string, clientType: ClientType): void {
    this.tokensIssued.inc({ grant_type: grantType, client_type: clientType });
  }

  oauthError(code: string, endpoint: string): void {
    this.oauthErrors.inc({ error: code, endpoint });
  }

  /** `result` is `succeeded` or the failure's reason, which each caller takes from a closed set. */
  signIn(method: SignInMethod, result: string): void {
    this.signIns.inc({ method, result });
  }

  lockout(): void {
    this.lockouts.inc();
  }

  /**
   * Times one call to an upstream provider; its result or error passes through unchanged. A throw is an
   * `error`, and so is a result `failed` rejects (an HTTP answer that is not 2xx).
   */
  async timeUpstream<T>(providerType: 'oidc' | 'ldap', call: () => Promise<T>, failed: (result: T) => boolean = () => false): Promise<T> {
    const end = this.upstreamDuration.startTimer({ provider_type: providerType });
    try {
      const result = await call();
      end({ outcome: failed(result) ? 'error' : 'ok' });
      return result;
    } catch (error) {
      end({ outcome: 'error' });
      throw error;
    }
  }

  dbQuery(operation: QueryOperation, seconds: number): void {
    this.queryDuration.observe({ operation }, seconds);
  }

  /**
   * A gauge whose samples are read at scrape time (queue depths, pool sizes): nothing runs between
   * scrapes. A failing read leaves the gauge empty for that scrape rather than failing the whole page.
   */
  gaugeOnScrape(name: string, help: string, labelNames: readonly string[], read: () => Promise<GaugeSample[]> | GaugeSample[]): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        const samples = await Promise.resolve()
          .then(read)
          .catch(() => []);
        for (const sample of samples) this.set(sample.labels, sample.value);
      },
    });
  }

  /** The exposition text (Prometheus text format 0.0.4). */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
