import { Injectable } from '@nestjs/common';
import { FactorRepository, FactorType, FactorView } from './factor.repository';
import { RecoveryCodeService } from './recovery-code.service';

/** A person's sign-in factors as a whole: what they have, renaming, removing, an administrator's reset. */
@Injectable()
export class FactorService {
  constructor(
    private readonly factors: FactorRepository,
    private readonly recoveryCodes: RecoveryCodeService,
  ) {}

  list(userId: string): Promise<FactorView[]> {
    return this.factors.listConfirmed(userId);
  }

  counts(userId: string): Promise<Record<FactorType, number>> {
    return this.factors.countConfirmedByType(userId);
  }

  async hasSecondFactor(userId: string): Promise<boolean> {
    const counts = await this.counts(userId);
    return counts.passkey + counts.totp > 0;
  }

  rename(userId: string, factorId: string, label: string): Promise<boolean> {
    return this.factors.rename(userId, factorId, label.trim().slice(0, 100));
  }

  /** Removes one factor; when it was the last one, the recovery codes go too (they recover nothing). */
  async remove(userId: string, factorId: string): Promise<FactorView | undefined> {
    const removed = await this.factors.remove(userId, factorId);
    if (removed && !(await this.hasSecondFactor(userId))) await this.recoveryCodes.removeAll(userId);
    return removed;
  }

  /** Every factor and recovery code of the person, for helpdesk when they lost them all. */
  async resetAll(userId: string): Promise<{ factors: number; recoveryCodes: number }> {
    const factors = await this.factors.removeAll(userId);
    const recoveryCodes = await this.recoveryCodes.removeAll(userId);
    return { factors, recoveryCodes };
  }

  recoveryCodesRemaining(userId: string): Promise<number> {
    return this.recoveryCodes.remaining(userId);
  }
}
