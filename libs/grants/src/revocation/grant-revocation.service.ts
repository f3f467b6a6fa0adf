import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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

  /** Returns how many refresh token families were revoked. */
  async revoke(...groups: TokenGroup[]): Promise<number> {
    if (groups.length === 0) return 0;
    return this.dataSource.transaction((manager) => this.revokeIn(manager, ...groups));
  }

  /**
   * The same inside the caller's transaction (a session end, a disabling), so that the change and the
   * tokens it ends commit together or not at all.
   */
  async revokeIn(manager: EntityManager, ...groups: TokenGroup[]): Promise<number> {
    let families = 0;
    for (const group of groups) {
      await this.codes.withdrawPending(group, manager);
      await this.deviceAuthorizations.withdrawApproved(group, manager);
      families += await this.tokens.revoke(group, manager);
    }
    return families;
  }
}
