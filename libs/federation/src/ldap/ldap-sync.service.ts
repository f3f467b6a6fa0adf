import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_LOGGER, AppConfig, AppLogger } from '@app/core';
import { GroupService } from '@app/users';
import { FederatedAccounts } from '../accounts/federated-accounts.service';
import type { IdentityProviderEntity } from '../providers/identity-provider.entity';
import { IdentityProviderService } from '../providers/identity-provider.service';
import { LdapPasswordDirectory } from './ldap-password-directory.service';
import { mappedGroupNames } from './ldap-profile';

export interface LdapSyncResult {
  /** False when another instance held the provider's sync (nothing was done here). */
  ran: boolean;
  listed: number;
  disabled: number;
  refreshed: number;
}

/** How often due syncs are looked for; each provider runs at its own sync_interval_s (60 s at least). */
const TICK_MS = 60_000;
/** Key space of the per-provider advisory locks (the second key is the provider id hashed). */
const SYNC_LOCK_SPACE = 7_274_013;

/**
 * The scheduled directory sync: people a directory no longer lists are disabled (which ends their sessions
 * and tokens), and the mapped memberships of those it still lists follow its groups.
 */
@Injectable()
export class LdapSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private readonly lastRun = new Map<string, number>();
  private readonly running = new Set<string>();

  constructor(
    private readonly providers: IdentityProviderService,
    private readonly directories: LdapPasswordDirectory,
    private readonly accounts: FederatedAccounts,
    private readonly groups: GroupService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runDue().catch((error: unknown) => this.logger.warn({ err: error }, 'LDAP sync round failed')), TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Syncs every enabled LDAP provider whose interval has passed since this instance last synced it. */
  async runDue(now = Date.now()): Promise<void> {
    for (const provider of await this.providers.listEnabled('ldap')) {
      const interval = provider.ldap.syncIntervalSeconds;
      if (!interval) continue;
      const last = this.lastRun.get(provider.id);
      if (last === undefined) {
        // First round after start: wait one interval, so a fleet restarting does not sync at once.
        this.lastRun.set(provider.id, now);
        continue;
      }
      if (now - last < interval * 1000) continue;
      this.lastRun.set(provider.id, now);
      await this.sync(provider).catch((error: unknown) => this.logger.warn({ provider: provider.name, err: error }, 'LDAP sync failed'));
    }
  }

  /** One sync of one provider, now; also what the scheduler runs. */
  async sync(provider: IdentityProviderEntity): Promise<LdapSyncResult> {
    if (this.running.has(provider.id)) return { ran: false, listed: 0, disabled: 0, refreshed: 0 };
    this.running.add(provider.id);
    try {
      return await this.whileHoldingLock(provider, () => this.syncNow(provider));
    } finally {
      this.running.delete(provider.id);
    }
  }

  private async syncNow(provider: IdentityProviderEntity): Promise<LdapSyncResult> {
    const directory = await this.directories.directory(provider);
    const people = await directory.listPeople();
    const linked: Array<{ subject: string; user_id: string }> = await this.dataSource.query(
      `SELECT f.subject, f.user_id FROM federated_identities f JOIN users u ON u.id = f.user_id WHERE f.provider_id = $1 AND NOT u.disabled`,
      [provider.id],
    );
    // An empty listing is far likelier a wrong base DN or a bind account that lost its rights than
    // everyone gone at once: nobody is disabled on its word.
    let disabled = 0;
    if (people.length === 0 && linked.length > 0) this.logger.warn({ provider: provider.name }, 'LDAP sync listed nobody; disabling no one');
    else disabled = await this.accounts.disableMissing(provider, people.map((person) => person.subject));
    const bySubject = new Map(people.map((person) => [person.subject, person]));
    let refreshed = 0;
    for (const row of linked) {
      const person = bySubject.get(row.subject);
      if (!person) continue;
      const names = mappedGroupNames(provider.ldap.groupMapping, await directory.groupsOfPerson(person.dn));
      await this.dataSource.transaction(async (manager) => {
        const groups = await this.groups.findByNames(names, manager);
        await this.groups.syncSourcedMemberships(row.user_id, provider.membershipSource, groups, manager);
      });
      refreshed++;
    }
    if (disabled > 0 || refreshed > 0) this.logger.info({ provider: provider.name, listed: people.length, disabled, refreshed }, 'LDAP sync done');
    return { ran: true, listed: people.length, disabled, refreshed };
  }

  /**
   * On PostgreSQL, one instance at a time syncs a provider (a session advisory lock, skipped when taken).
   * The embedded database is one process by construction (its data folder is locked), and its single
   * connection cannot be held for the length of a sync.
   */
  private async whileHoldingLock(provider: IdentityProviderEntity, work: () => Promise<LdapSyncResult>): Promise<LdapSyncResult> {
    if (!this.config.databaseUrl) return work();
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [SYNC_LOCK_SPACE, provider.id])) as Array<{ locked: boolean }>;
      if (!locked) return { ran: false, listed: 0, disabled: 0, refreshed: 0 };
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SYNC_LOCK_SPACE, provider.id]);
      }
    } finally {
      await runner.release();
    }
  }
}
