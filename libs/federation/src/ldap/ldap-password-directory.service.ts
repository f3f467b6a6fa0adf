import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_LOGGER, AppLogger, Metrics } from '@app/core';
import { DirectoryUnavailable, LoginFailed, LoginService, PasswordDirectory, UserEntity } from '@app/users';
import { FederatedAccounts } from '../accounts/federated-accounts.service';
import { FederationRefused } from '../accounts/federation-refused';
import type { IdentityProviderEntity } from '../providers/identity-provider.entity';
import { IdentityProviderService } from '../providers/identity-provider.service';
import { LdapDirectory } from './ldap-directory';
import { profileOf } from './ldap-profile';

/**
 * The enabled LDAP directories, as the login page's password check: a person one of them signed in, or a
 * username unknown here, is looked up in the directories and their password checked by binding as them.
 */
@Injectable()
export class LdapPasswordDirectory implements PasswordDirectory, OnModuleInit {
  constructor(
    private readonly login: LoginService,
    private readonly providers: IdentityProviderService,
    private readonly accounts: FederatedAccounts,
    private readonly dataSource: DataSource,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.login.addDirectory(this);
  }

  async manages(user: UserEntity): Promise<boolean> {
    return (await this.linkedProviderIds(user.id)).length > 0;
  }

  async authenticate(username: string, password: string, known: UserEntity | undefined): Promise<UserEntity | undefined> {
    const linked = known ? await this.linkedProviderIds(known.id) : [];
    const providers = (await this.providers.listEnabled('ldap')).filter((provider) => linked.length === 0 || linked.includes(provider.id));
    let unavailable: DirectoryUnavailable | undefined;
    for (const provider of providers) {
      try {
        const directory = await this.directory(provider);
        // A wrong password is an answer (ok); only an unreachable or failing directory counts as an error.
        const person = await this.metrics.timeUpstream('ldap', () => directory.authenticate(username, password));
        if (person) return await this.signIn(provider, profileOf(person));
      } catch (error) {
        if (!(error instanceof DirectoryUnavailable)) throw error;
        // The detail is for the operator only; the person sees the generic failure.
        this.logger.warn({ provider: provider.name, detail: error.detail }, 'LDAP directory unavailable for a sign-in');
        unavailable = error;
      }
    }
    // The person may be in the directory that did not answer: fail closed rather than say "wrong password".
    if (unavailable) throw unavailable;
    return undefined;
  }

  /** The LDAP client for a provider, with its bind password opened. */
  async directory(provider: IdentityProviderEntity): Promise<LdapDirectory> {
    return new LdapDirectory(provider.name, provider.ldap, await this.providers.secretOf(provider));
  }

  private async signIn(provider: IdentityProviderEntity, profile: ReturnType<typeof profileOf>): Promise<UserEntity> {
    try {
      return await this.accounts.signIn(provider, profile);
    } catch (error) {
      if (!(error instanceof FederationRefused)) throw error;
      this.logger.info({ provider: provider.name, reason: error.reason, userId: error.userId }, 'LDAP sign-in refused here');
      throw new LoginFailed(error.reason === 'disabled' ? 'disabled' : 'not-provisioned', error.userId);
    }
  }

  private async linkedProviderIds(userId: string): Promise<string[]> {
    const rows: Array<{ provider_id: string }> = await this.dataSource.query(
      `SELECT f.provider_id FROM federated_identities f JOIN identity_providers p ON p.id = f.provider_id
       WHERE f.user_id = $1 AND p.type = 'ldap' AND p.enabled`,
      [userId],
    );
    return rows.map((row) => row.provider_id);
  }
}
