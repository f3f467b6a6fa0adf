import { sha256, type Clock } from '@app/core';
import type { DeviceAuthorizationEntity } from '../../../libs/grants/src/device/device-authorization.entity';
import type { ConsumedAuthorization, DeviceAuthorizationRepository, PollState } from '../../../libs/grants/src/device/device-authorization.repository';
import type { TransactionalState } from './fake-data-source';
import { FixedClock } from './fixed-clock';

/** RFC 8628 §3.5: a poll sooner than the interval raises it by this many seconds. */
const SLOW_DOWN_SECONDS = 5;

/**
 * DeviceAuthorizationRepository's polling and redemption over a Map, with its rules: a device code is
 * found only with the client it was issued to, a too-early poll of a pending authorization raises the
 * interval, and an approved authorization is redeemed once.
 */
export class InMemoryDeviceAuthorizations implements Pick<DeviceAuthorizationRepository, 'recordPoll' | 'consume' | 'markDenied'>, TransactionalState {
  private readonly rows = new Map<string, DeviceAuthorizationEntity>();
  private counter = 0;

  constructor(private readonly clock: Clock = new FixedClock()) {}

  /** Stores an authorization; returns its device code. */
  add(authorization: DeviceAuthorizationEntity): string {
    const deviceCode = `device-code-${++this.counter}`;
    this.rows.set(authorization.id, { ...authorization, deviceCodeHash: sha256(deviceCode) });
    return deviceCode;
  }

  async recordPoll(deviceCodeHash: string, clientId: string): Promise<PollState | undefined> {
    const row = [...this.rows.values()].find((candidate) => candidate.deviceCodeHash === deviceCodeHash && candidate.clientId === clientId);
    if (!row) return undefined;
    const now = this.clock.now();
    const expired = row.expiresAt <= now;
    const tooSoon = row.lastPolledAt !== null && now.getTime() < row.lastPolledAt.getTime() + row.intervalSeconds * 1000;
    const slowedDown = row.status === 'pending' && row.consumedAt === null && !expired && tooSoon;
    if (slowedDown) row.intervalSeconds += SLOW_DOWN_SECONDS;
    row.lastPolledAt = now;
    return { id: row.id, status: row.status, consumed: row.consumedAt !== null, expired, slowedDown, intervalSeconds: row.intervalSeconds, scopes: [...row.scopes] };
  }

  async consume(id: string, clientId: string): Promise<ConsumedAuthorization | undefined> {
    const row = this.rows.get(id);
    const now = this.clock.now();
    if (!row || row.clientId !== clientId || row.consumedAt !== null || row.status !== 'approved' || row.expiresAt <= now) return undefined;
    row.consumedAt = now;
    return { id: row.id, clientId: row.clientId, userId: row.userId!, sessionId: row.sessionId, authTime: row.authTime, acr: row.acr, amr: row.amr && [...row.amr], scopes: [...row.scopes] };
  }

  async markDenied(id: string): Promise<void> {
    this.rows.get(id)!.status = 'denied';
  }

  /** The person decides at the verification page while the device polls. */
  decide(id: string, status: 'approved' | 'denied', userId: string): void {
    Object.assign(this.rows.get(id)!, { status, userId, sessionId: 'session-of-the-decision', authTime: this.clock.now(), acr: 'pwd', amr: ['pwd'], decidedAt: this.clock.now() });
  }

  isConsumed(id: string): boolean {
    return this.rows.get(id)?.consumedAt != null;
  }

  snapshot(): () => void {
    const consumed = new Map([...this.rows].map(([id, row]) => [id, row.consumedAt]));
    return () => {
      for (const [id, consumedAt] of consumed) this.rows.get(id)!.consumedAt = consumedAt;
    };
  }

  asRepository(): DeviceAuthorizationRepository {
    return this as unknown as DeviceAuthorizationRepository;
  }
}
