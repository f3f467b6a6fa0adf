import type { NodeSDK } from '@opentelemetry/sdk-node';
import { isUntracedPath, SECRET_QUERY_PARAMETERS } from '../http/secret-parameters';

export const DEFAULT_SERVICE_NAME = 'meridian-auth';

let sdk: NodeSDK | undefined;

/**
 * OpenTelemetry traces (HTTP -> handler -> database), on only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 * It runs before any other module loads, since instrumentations patch `http` and `pg` as they are first
 * required; that is also why it reads its own OTEL_* variables instead of the typed config. The SDK's
 * packages are loaded only when tracing is on.
 */
export function startTracing(env: Record<string, string | undefined>): void {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || sdk) return;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK: Sdk } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new Sdk({
    serviceName: env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME,
    // http/json to `${OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`; the exporter reads its own OTEL_* settings.
    traceExporter: new OTLPTraceExporter(),
    // Metrics are Prometheus' job (/metrics) and logs go to stdout: only traces are exported.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => isUntracedPath(request.url),
        // Outgoing calls (a client's jwks_uri) only within a request's trace, not from background work.
        requireParentforOutgoingSpans: true,
        redactedQueryParamsServer: [...SECRET_QUERY_PARAMETERS],
        redactedQueryParams: [...SECRET_QUERY_PARAMETERS],
      }),
      // Statement text only (placeholders, never parameter values); no orphan spans from background sweeps.
      new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
    ],
  });
  sdk.start();
}

export function tracingStarted(): boolean {
  return sdk !== undefined;
}

/** Sends the spans still buffered; called on shutdown so the last requests' traces are not lost. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown().catch(() => undefined);
}
