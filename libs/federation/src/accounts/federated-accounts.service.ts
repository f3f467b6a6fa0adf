import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { PersonAccessService } from '@app/grants';
import { GroupService, UserEntity, UserService } from '@app/users';
import type { IdentityProviderEntity } from '../providers/identity-provider.entity';
import { FederationRefused } from './federation-refused';
import type { UpstreamProfile } from './upstream-profile';
import { usernameFor } from './username';

/**
 * The local person behind an upstream identity. Linked by (provider, upstream subject) only; an existing
 * person is linked by e-mail address only when the provider allows it and the upstream vouches for the
 * address. Profile and mapped memberships follow the upstream at every sign-in; a person disabled here
 * stays disabled whatever the upstream says.
 */
@Injectable()
export class FederatedAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserService,
    private readonly groups: GroupService,
    private readonly access: PersonAccessService,
  ) {}

  async signIn(provider: IdentityProviderEntity, profile: UpstreamProfile): Promise<UserEntity> {
    const user = await this.dataSource.transaction(async (manager) => {
      // Two first sign-ins of one person at once would each create an account: they take turns.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`federation:${provider.id}:${profile.subject}`]);
      const person = (await this.linked(provider, profile.subject, manager)) ?? (await this.linkOrCreate(provider, profile, manager));
      if (person.disabled) throw new FederationRefused('disabled', person.id);
      await this.refresh(person, provider, profile, manager);
      await manager.query(`UPDATE federated_identities SET last_sign_in_at = now() WHERE provider_id = $1 AND subject = $2`, [provider.id, profile.subject]);
      return person;
    });
    return (await this.users.findById(user.id))!;
  }

  /**
   * Directory sync: people this provider signed in whose entries are gone are disabled, which ends their
   * sessions and tokens. Returns how many were disabled.
   */
  async disableMissing(provider: IdentityProviderEntity, presentSubjects: readonly string[]): Promise<number> {
    const rows: Array<{ user_id: string }> = await this.dataSource.query(
      `SELECT f.user_id FROM federated_identities f JOIN users u ON u.id = f.user_id
       WHERE f.provider_id = $1 AND NOT u.disabled AND NOT (f.subject = ANY($2::text[]))`,
      [provider.id, presentSubjects],
    );
    for (const row of rows) await this.access.update(row.user_id, { disabled: true });
    return rows.length;
  }

  /**
   * True when the person is linked to any upstream provider (OpenID Provider or LDAP directory): their
   * password belongs to the upstream, so it is never reset here.
   */
  async hasUpstreamIdentity(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM federated_identities WHERE user_id = $1 LIMIT 1`, [userId]);
    return rows.length > 0;
  }

  private async linked(provider: IdentityProviderEntity, subject: string, manager: EntityManager): Promise<UserEntity | undefined> {
    const [row]: Array<{ user_id: string }> = await manager.query(`SELECT user_id FROM federated_identities WHERE provider_id = $1 AND subject = $2`, [provider.id, subject]);
    return row ? this.users.findById(row.user_id, manager) : undefined;
  }

  private async linkOrCreate(provider: IdentityProviderEntity, profile: UpstreamProfile, manager: EntityManager): Promise<UserEntity> {
    const config = provider.config as { jit: boolean; linkByVerifiedEmail?: boolean };
    const byEmail = profile.email ? await this.onlyPersonWithEmail(profile.email, manager) : undefined;
    let person: UserEntity | undefined;
    if (byEmail && config.linkByVerifiedEmail && profile.emailVerified === true) {
      person = byEmail;
    } else if (byEmail) {
      // Someone here has that address: taking it over needs the provider's permission and the upstream's word.
      throw new FederationRefused('email-conflict', byEmail.id);
    } else if (config.jit) {
      person = await this.users.create({
        username: await this.freeUsername(usernameFor(profile, provider.name), manager),
        // Nobody knows it: the person signs in through the provider until an administrator sets a password.
        password: randomBytes(32).toString('base64url'),
        email: profile.email,
        email_verified: profile.emailVerified === true,
        name: profile.name,
        given_name: profile.givenName,
        family_name: profile.familyName,
      }, manager);
    }
    if (!person) throw new FederationRefused('no-account');
    await manager.query(`INSERT INTO federated_identities (provider_id, subject, user_id) VALUES ($1, $2, $3)`, [provider.id, profile.subject, person.id]);
    return person;
  }

  private async refresh(person: UserEntity, provider: IdentityProviderEntity, profile: UpstreamProfile, manager: EntityManager): Promise<void> {
    const changes: Partial<UserEntity> = {};
    if (profile.email !== undefined && profile.email !== person.email && !(await this.emailTakenByAnother(profile.email, person.id, manager))) changes.email = profile.email;
    if (profile.emailVerified !== undefined) changes.emailVerified = profile.emailVerified === true;
    if (profile.name !== undefined) changes.name = profile.name;
    if (profile.givenName !== undefined) changes.givenName = profile.givenName;
    if (profile.familyName !== undefined) changes.familyName = profile.familyName;
    if (Object.keys(changes).length > 0) await manager.getRepository(UserEntity).update({ id: person.id }, changes);
    const mapping = (provider.config as { groupMapping: Record<string, string> }).groupMapping;
    const mapped = [...new Set(profile.groups.map((group) => mapping[group]).filter((name): name is string => typeof name === 'string'))];
    const groups = await this.groups.findByNames(mapped, manager);
    await this.groups.syncSourcedMemberships(person.id, provider.membershipSource, groups, manager);
  }

  private async onlyPersonWithEmail(email: string, manager: EntityManager): Promise<UserEntity | undefined> {
    const rows = await manager.getRepository(UserEntity).createQueryBuilder('user').where('lower(user.email) = lower(:email)', { email }).limit(2).getMany();
    // Two people share the address: which one is meant cannot be told, so neither is linked.
    if (rows.length > 1) throw new FederationRefused('email-conflict');
    return rows[0];
  }

  private async emailTakenByAnother(email: string, userId: string, manager: EntityManager): Promise<boolean> {
    return (await manager.getRepository(UserEntity).createQueryBuilder('user').where('lower(user.email) = lower(:email) AND user.id <> :userId', { email, userId }).getCount()) > 0;
  }

  /** The wanted username, or with -2, -3… when someone here has it already. */
  private async freeUsername(wanted: string, manager: EntityManager): Promise<string> {
    const taken = async (name: string) => (await manager.getRepository(UserEntity).createQueryBuilder('user').where('lower(user.username) = lower(:name)', { name }).getCount()) > 0;
    if (!(await taken(wanted))) return wanted;
    for (let n = 2; n < 100; n++) if (!(await taken(`${wanted.slice(0, 95)}-${n}`))) return `${wanted.slice(0, 95)}-${n}`;
    return `${wanted.slice(0, 80)}-${randomBytes(4).toString('hex')}`;
  }
}
