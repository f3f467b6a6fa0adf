import { Injectable } from '@nestjs/common';
import { isUuid } from '@app/core';
import { FactorService, FactorView, RecoveryCodeService } from '@app/users';
import { pageTranslator } from '../i18n/page-context';

export const MAX_FACTOR_LABEL_LENGTH = 100;

/** A person's own passkeys, authenticator apps and recovery codes, as the account page changes them. */
@Injectable()
export class AccountFactors {
  constructor(
    private readonly factors: FactorService,
    private readonly recoveryCodes: RecoveryCodeService,
  ) {}

  list(userId: string): Promise<FactorView[]> {
    return this.factors.list(userId);
  }

  /** The person's confirmed factor of this id, or undefined (another person's, unknown, or malformed). */
  async find(userId: string, factorId: string | undefined): Promise<FactorView | undefined> {
    if (!factorId || !isUuid(factorId)) return undefined;
    return (await this.factors.list(userId)).find((factor) => factor.id === factorId);
  }

  rename(userId: string, factorId: string, label: string): Promise<boolean> {
    return this.factors.rename(userId, factorId, label);
  }

  remove(userId: string, factorId: string): Promise<FactorView | undefined> {
    return this.factors.remove(userId, factorId);
  }

  async recoveryStatus(userId: string): Promise<{ remaining: number; hasSecondFactor: boolean }> {
    const [remaining, hasSecondFactor] = await Promise.all([this.factors.recoveryCodesRemaining(userId), this.factors.hasSecondFactor(userId)]);
    return { remaining, hasSecondFactor };
  }

  regenerateRecoveryCodes(userId: string): Promise<string[]> {
    return this.recoveryCodes.regenerate(userId);
  }
}

/** Why a new name is refused, or undefined when it is fine. */
export function labelProblem(label: string | undefined): string | undefined {
  const trimmed = label?.trim() ?? '';
  const t = pageTranslator();
  if (!trimmed) return t.t('account.factors.labelMissing');
  if (trimmed.length > MAX_FACTOR_LABEL_LENGTH) return t.t('account.factors.labelTooLong', { max: MAX_FACTOR_LABEL_LENGTH });
  if (/[\x00-\x1f\x7f]/.test(trimmed)) return t.t('account.factors.labelControl');
  return undefined;
}
