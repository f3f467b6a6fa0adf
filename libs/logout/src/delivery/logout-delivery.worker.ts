import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AuditLog } from '@app/audit';
import { ClientRepository } from '@app/clients';
import { APP_LOGGER, AppConfig, AppLogger, DrainLoop, retryDelayMs } from '@app/core';
import { ClaimedDelivery, LogoutDeliveryRepository } from '../outbox/logout-delivery.repository';
import { postLogoutToken } from './logout-token-poster';
import { LogoutTokenService } from './logout-token.service';

/** Rows left by an instance that stopped, and retries that came due, are found this often. */
const POLL_INTERVAL_MS = 2000;
const BATCH_SIZE = 20;
/** A claimed row is another instance's to retry once the POST could no longer be running. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Delivers the back-channel logout outbox: woken right after a commit that added rows, and polling for
 * the rest. Each row is claimed for a lease (one short statement), POSTed, then marked delivered, given a
 * later attempt with exponential backoff, or dead-lettered after LOGOUT_DELIVERY_ATTEMPTS.
 */
@Injectable()
export class LogoutDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop = new DrainLoop(() => this.drain(), POLL_INTERVAL_MS);

  constructor(
    private readonly deliveries: LogoutDeliveryRepository,
    private readonly clients: ClientRepository,
    private readonly tokens: LogoutTokenService,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Before the database closes: no new claims, the POSTs under way are cut short. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.close();
  }

  /** Runs a round now, or right after the one under way. */
  nudge(): void {
    this.loop.nudge();
  }

  private async drain(): Promise<void> {
    try {
      // One read per round, so an idle server's polling writes nothing; a full batch may have left more
      // behind, so claiming goes on until one comes back short. Rows added meanwhile nudge another round.
      if (this.loop.signal.aborted || !(await this.deliveries.anyDue())) return;
      let claimed: ClaimedDelivery[];
      do {
        claimed = await this.deliveries.claimDue(BATCH_SIZE, this.config.logoutDeliveryTimeoutMs + LEASE_MARGIN_MS);
        await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
      } while (claimed.length === BATCH_SIZE && !this.loop.signal.aborted);
    } catch (error) {
      if (!this.loop.signal.aborted) this.logger.warn({ err: error }, 'logout delivery round failed');
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const client = await this.clients.findById(delivery.clientId);
    if (!client?.backchannelLogoutUri) return this.giveUp(delivery, 'the app has no backchannel_logout_uri any more');
    const token = await this.tokens.sign(delivery, client);
    const outcome = await postLogoutToken(client.backchannelLogoutUri, token, this.config.logoutDeliveryTimeoutMs, this.loop.signal);
    if (outcome.delivered) return this.deliveries.markDelivered(delivery.id);
    // Cut short by shutdown: nothing was learnt, and the lease hands the row to the next instance.
    if ('stopped' in outcome) return;
    if (delivery.attempt >= this.config.logoutDeliveryAttempts) return this.giveUp(delivery, outcome.error);
    await this.deliveries.scheduleRetry(delivery.id, retryDelayMs(delivery.attempt, this.config.logoutRetryBaseMs), outcome.error);
  }

  private async giveUp(delivery: ClaimedDelivery, error: string): Promise<void> {
    if (!(await this.deliveries.markDead(delivery.id, error))) return;
    this.logger.warn({ deliveryId: delivery.id, clientId: delivery.clientId, attempts: delivery.attempt, error }, 'logout delivery dead-lettered');
    await this.audit.record({
      action: 'logout_delivery.dead',
      actor: { type: 'anonymous' },
      target: { type: 'client', id: delivery.clientId },
      details: { delivery_id: delivery.id, session_id: delivery.sessionId, user_id: delivery.userId, attempts: delivery.attempt, last_error: error },
    });
  }
}
