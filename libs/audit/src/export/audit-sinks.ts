import type { AuditExportSettings } from '@app/core';
import type { AuditEventDocument } from './audit-event-document';
import type { AuditSink } from './audit-delivery.repository';
import { postToWebhook, DeliveryOutcome } from './webhook-poster';

/** One destination of the export: takes a batch of events, oldest first, or says why not. */
export interface AuditSinkWriter {
  readonly name: AuditSink;
  /** How long one `write` may take, so a claim's lease outlasts it. */
  readonly timeoutMs: number;
  write(events: readonly AuditEventDocument[], stop: AbortSignal): Promise<DeliveryOutcome>;
}

/** JSON lines on standard output, one event per line, for a log shipper to pick up. */
export class StdoutSink implements AuditSinkWriter {
  readonly name = 'stdout' as const;
  readonly timeoutMs = 10_000;

  constructor(private readonly out: NodeJS.WritableStream = process.stdout) {}

  write(events: readonly AuditEventDocument[]): Promise<DeliveryOutcome> {
    const text = events.map((event) => `${JSON.stringify(event)}\n`).join('');
    return new Promise((resolve) => {
      this.out.write(text, (error?: Error | null) => resolve(error ? { delivered: false, error: error.message } : { delivered: true }));
    });
  }
}

/** One signed POST per batch: `{"events": [...]}`. */
export class WebhookSink implements AuditSinkWriter {
  readonly name = 'webhook' as const;

  constructor(
    private readonly url: string,
    private readonly secret: string,
    readonly timeoutMs: number,
  ) {}

  write(events: readonly AuditEventDocument[], stop: AbortSignal): Promise<DeliveryOutcome> {
    return postToWebhook({ url: this.url, secret: this.secret, timeoutMs: this.timeoutMs }, JSON.stringify({ events }), stop);
  }
}

/** The sinks the settings switch on, in a fixed order. */
export function configuredSinks(settings: AuditExportSettings): AuditSinkWriter[] {
  const sinks: AuditSinkWriter[] = [];
  if (settings.webhookUrl && settings.webhookSecret) sinks.push(new WebhookSink(settings.webhookUrl, settings.webhookSecret, settings.webhookTimeoutMs));
  if (settings.stdout) sinks.push(new StdoutSink());
  return sinks;
}
