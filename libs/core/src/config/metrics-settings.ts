import { ConfigError } from './config-error';
import type { EnvReader } from './env-reader';

/** Shortest METRICS_TOKEN accepted: a guessable token would make the page public in all but name. */
export const METRICS_TOKEN_MIN_LENGTH = 16;

/** Where `/metrics` is served; with neither a port nor a token it is not served at all. */
export interface MetricsSettings {
  /** METRICS_PORT: a separate listener serving only GET /metrics. */
  readonly port: number | undefined;
  /**
   * METRICS_HOST: the separate listener's interface. Loopback by default, so turning the port on never
   * publishes the page by accident; a Kubernetes scrape sets 0.0.0.0 on a port the Service does not expose.
   */
  readonly host: string;
  /** METRICS_TOKEN: GET /metrics on the main port with `Authorization: Bearer <token>` (and on METRICS_PORT too). */
  readonly token: string | undefined;
}

export function readMetricsSettings(read: EnvReader, mainPort: number): MetricsSettings {
  const port = read.optionalString('METRICS_PORT') === undefined ? undefined : read.integer('METRICS_PORT', 0, { min: 1, max: 65535 });
  const token = read.optionalString('METRICS_TOKEN');
  if (port !== undefined && port === mainPort) {
    throw new ConfigError('METRICS_PORT', `must differ from PORT (${mainPort}): the metrics listener is a separate one`);
  }
  if (token !== undefined && token.length < METRICS_TOKEN_MIN_LENGTH) {
    throw new ConfigError('METRICS_TOKEN', `must be at least ${METRICS_TOKEN_MIN_LENGTH} characters long`);
  }
  return { port, host: read.string('METRICS_HOST', '127.0.0.1'), token };
}
