import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TokenGroup, TokenGroupRevocation } from '@app/tokens';
import { AuthorizationCodeRepository } from '../codes/authorization-code.repository';
import { DeviceAuthorizationRepository } from '../device/device-authorization.repository';

/**
 * Ends everything granted to groups of tokens in one transaction: codes and device approvals not yet
 * redeemed first (which also waits for redemptions in flight), then refresh tokens, then access tokens.
 * Safe to repeat: a retry after a failure ends what the first attempt did not.
 */
@Injectable()
export class GrantRevocation {
  constructor(
    private readonly codes: AuthorizationCodeRepository,
    private readonly deviceAuthorizations: DeviceAuthorizationRepository,
    private readonly tokens: TokenGroupRevocation,
    private readonly dataSource: DataSource,
  ) {}

  async revoke(...groups: TokenGroup[]): Promise<void> {
    if (groups.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      for (const group of groups) {
        await this.codes.withdrawPending(group, manager);
        await this.deviceAuthorizations.withdrawApproved(group, manager);
        await this.tokens.revoke(group, manager);
      }
    });
  }
}
