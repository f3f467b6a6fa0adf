import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_LOGGER, AppConfig, AppLogger, DrainLoop, retryDelayMs } from '@app/core';
import { AuditDeliveryRepository, ClaimedAuditEvent } from './audit-delivery.repository';
import { toAuditEventDocument } from './audit-event-document';
import { AuditSinkWriter, configuredSinks } from './audit-sinks';

/** Retries that came due, and rows an instance left when it stopped, are found this often. */
const POLL_INTERVAL_MS = 2000;
const BATCH_SIZE = 100;
/** A claimed row is another instance's to retry once the write could no longer be running. */
const LEASE_MARGIN_MS = 30_000;
const RETRY_BASE_MS = 1000;
/** A receiver back from an outage gets its backlog within minutes; nothing is ever given up. */
const RETRY_CAP_MS = 5 * 60_000;

/**
 * Hands every recorded event to each configured sink at least once, oldest first: woken right after an
 * event is recorded, and polling for retries. A batch a sink refuses is retried, with backoff, until it
 * takes it; events are never dropped for a sink that is down.
 */
@Injectable()
export class AuditExportWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly sinks: AuditSinkWriter[];
  private readonly loop = new DrainLoop(() => this.drainAll(), POLL_INTERVAL_MS);

  constructor(
    private readonly deliveries: AuditDeliveryRepository,
    private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {
    this.sinks = configuredSinks(config.audit);
  }

  /** The sinks each new event is queued for. */
  get sinkNames(): string[] {
    return this.sinks.map((sink) => sink.name);
  }

  onApplicationBootstrap(): void {
    if (this.sinks.length > 0) this.loop.start();
  }

  /** Before the database closes: no new claims; writes under way are cut short and their leases expire. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.close();
  }

  /** Runs a round now, or right after the one under way. */
  nudge(): void {
    if (this.sinks.length > 0) this.loop.nudge();
  }

  private async drainAll(): Promise<void> {
    await Promise.all(this.sinks.map((sink) => this.drain(sink)));
  }

  private async drain(sink: AuditSinkWriter): Promise<void> {
    try {
      if (this.loop.signal.aborted || !(await this.deliveries.anyDue(sink.name))) return;
      let claimed: ClaimedAuditEvent[];
      do {
        claimed = await this.deliveries.claimDue(sink.name, BATCH_SIZE, sink.timeoutMs + LEASE_MARGIN_MS);
        if (claimed.length > 0 && !(await this.deliver(sink, claimed))) return;
      } while (claimed.length === BATCH_SIZE && !this.loop.signal.aborted);
    } catch (error) {
      if (!this.loop.signal.aborted) this.logger.warn({ err: error, sink: sink.name }, 'audit export round failed');
    }
  }

  /** True when the sink took the batch, so the next one may follow. */
  private async deliver(sink: AuditSinkWriter, claimed: ClaimedAuditEvent[]): Promise<boolean> {
    const ids = claimed.map((event) => event.id);
    const outcome = await sink.write(claimed.map((event) => toAuditEventDocument(event, this.config.issuer)), this.loop.signal);
    if (outcome.delivered) {
      await this.deliveries.markDelivered(sink.name, ids);
      return true;
    }
    // Cut short by shutdown: nothing was learnt, and the lease hands the rows to the next instance.
    if ('stopped' in outcome) return false;
    const attempt = Math.max(...claimed.map((event) => event.attempt));
    this.logger.warn({ sink: sink.name, events: ids.length, attempt, error: outcome.error }, 'audit export refused; retrying later');
    await this.deliveries.scheduleRetry(sink.name, ids, retryDelayMs(attempt, RETRY_BASE_MS, Math.random, RETRY_CAP_MS), outcome.error);
    return false;
  }
}
