import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import type { IdentityProviderInput, IdentityProviderView } from '@app/contracts';
import { AppConfig, AtRestCipher, Conflict, InvalidRequest, isUuid, NotFound } from '@app/core';
import { GroupService } from '@app/users';
import { IdentityProviderEntity } from './identity-provider.entity';
import { LdapProviderConfig, normalizeProvider, OidcProviderConfig } from './provider-config';

/** Registration of identity providers; their secrets are sealed at rest and never leave the server. */
@Injectable()
export class IdentityProviderService {
  private readonly repository: Repository<IdentityProviderEntity>;
  private readonly cipher: AtRestCipher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: GroupService,
    private readonly config: AppConfig,
  ) {
    this.repository = dataSource.getRepository(IdentityProviderEntity);
    this.cipher = new AtRestCipher(config.keyEncryptionSecret, 'identity-providers', 'provider-secret-v1');
  }

  async create(input: IdentityProviderInput): Promise<IdentityProviderEntity> {
    const provider = normalizeProvider(input);
    await this.checkMapping(provider.config.groupMapping);
    if (await this.repository.exists({ where: { name: provider.name } })) throw nameTaken(provider.name);
    const row = Object.assign(new IdentityProviderEntity(), {
      name: provider.name,
      type: provider.type,
      displayName: provider.displayName,
      enabled: provider.enabled,
      config: provider.config,
      secret: provider.secret ? this.cipher.seal(provider.secret) : null,
    });
    try {
      const { identifiers } = await this.repository.insert(row);
      return this.get(String(identifiers[0].id));
    } catch (error) {
      if ((error as { code?: string; driverError?: { code?: string } }).driverError?.code === '23505') throw nameTaken(provider.name);
      throw error;
    }
  }

  /** A client secret or bind password as it is stored, for writes made inside another transaction. */
  sealSecret(secret: string): string {
    return this.cipher.seal(secret);
  }

  async get(id: string): Promise<IdentityProviderEntity> {
    const provider = isUuid(id) ? await this.repository.findOne({ where: { id } }) : null;
    if (!provider) throw new NotFound(`No identity provider with id ${id}`);
    return provider;
  }

  /** Enabled providers by name, for the login page and the federation routes. */
  async findEnabled(name: string): Promise<IdentityProviderEntity | null> {
    return this.repository.findOne({ where: { name, enabled: true } });
  }

  listEnabled(type?: 'oidc' | 'ldap'): Promise<IdentityProviderEntity[]> {
    return this.repository.find({ where: { enabled: true, ...(type && { type }) }, order: { name: 'ASC' } });
  }

  list(): Promise<IdentityProviderEntity[]> {
    return this.repository.find({ order: { createdAt: 'ASC' } });
  }

  async hasSecret(provider: IdentityProviderEntity): Promise<boolean> {
    const [row]: Array<{ set: boolean }> = await this.dataSource.query(`SELECT secret IS NOT NULL AS set FROM identity_providers WHERE id = $1`, [provider.id]);
    return row?.set ?? false;
  }

  /** The stored client secret or bind password, opened. */
  async secretOf(provider: IdentityProviderEntity): Promise<string | undefined> {
    const row = await this.repository.createQueryBuilder('idp').addSelect('idp.secret').where('idp.id = :id', { id: provider.id }).getOne();
    return row?.secret ? this.cipher.open(row.secret) : undefined;
  }

  /** Changes the fields sent; the type and the name stay (the name is in the upstream's redirect URI). */
  async update(id: string, input: Partial<IdentityProviderInput>): Promise<IdentityProviderEntity> {
    const current = await this.get(id);
    if (input.type !== undefined && input.type !== current.type) throw InvalidRequest.forField('type', 'cannot change; create another provider');
    if (input.name !== undefined && input.name !== current.name) throw InvalidRequest.forField('name', 'cannot change: the upstream knows it in the redirect URI');
    const merged = { ...toInput(current), ...stripUndefined(input), type: current.type, name: current.name } as IdentityProviderInput;
    const provider = normalizeProvider(merged);
    await this.checkMapping(provider.config.groupMapping);
    const changes: Partial<IdentityProviderEntity> = { displayName: provider.displayName, enabled: provider.enabled, config: provider.config };
    if (provider.secret !== undefined) changes.secret = provider.secret ? this.cipher.seal(provider.secret) : null;
    await this.repository.update({ id }, changes);
    return this.get(id);
  }

  /** People it signed in stay (as local accounts without a password); the memberships it managed go. */
  async delete(id: string): Promise<void> {
    const provider = await this.get(id);
    await this.dataSource.transaction(async (manager) => {
      await this.groups.removeSourcedMemberships(provider.membershipSource, manager);
      await manager.getRepository(IdentityProviderEntity).delete({ id });
    });
  }

  /** Every mapping target must be one of our groups (400 naming group_mapping otherwise). */
  private async checkMapping(mapping: Record<string, string>): Promise<void> {
    const targets = [...new Set(Object.values(mapping))];
    if (targets.length > 0) await this.groups.resolveNames(targets, 'group_mapping');
  }
}

/** The admin API's view: everything but the secret, and the redirect URI to register upstream. */
export function toProviderView(provider: IdentityProviderEntity, issuer: string, secretSet: boolean): IdentityProviderView {
  const base = {
    id: provider.id,
    name: provider.name,
    display_name: provider.displayName,
    enabled: provider.enabled,
    secret_set: secretSet,
    created_at: provider.createdAt.toISOString(),
    updated_at: provider.updatedAt.toISOString(),
  };
  if (provider.type === 'oidc') {
    const config = provider.config as OidcProviderConfig;
    return {
      ...base,
      type: 'oidc',
      issuer: config.issuer,
      client_id: config.clientId,
      scopes: config.scopes,
      domains: config.domains,
      template: config.template ?? undefined,
      groups_claim: config.groupsClaim,
      group_mapping: config.groupMapping,
      jit: config.jit,
      link_by_verified_email: config.linkByVerifiedEmail,
      redirect_uri: `${issuer}/federation/${provider.name}/callback`,
    };
  }
  const config = provider.config as LdapProviderConfig;
  return {
    ...base,
    type: 'ldap',
    url: config.url,
    start_tls: config.startTls,
    bind_dn: config.bindDn ?? undefined,
    user_base_dn: config.userBaseDn,
    user_filter: config.userFilter,
    attributes: { username: config.attributes.username, email: config.attributes.email, name: config.attributes.name, given_name: config.attributes.givenName, family_name: config.attributes.familyName, id: config.attributes.id },
    group_base_dn: config.groupBaseDn ?? undefined,
    group_filter: config.groupFilter,
    nested_groups: config.nestedGroups,
    group_mapping: config.groupMapping,
    jit: config.jit,
    sync_interval_s: config.syncIntervalSeconds,
  };
}

/** The stored provider as input again, so a PATCH changes only what it sends. */
function toInput(provider: IdentityProviderEntity): IdentityProviderInput {
  const view = toProviderView(provider, '', false) as unknown as Record<string, unknown>;
  const { id: _id, secret_set: _set, redirect_uri: _uri, created_at: _c, updated_at: _u, ...input } = view;
  return input as unknown as IdentityProviderInput;
}

function nameTaken(name: string): Conflict {
  const error = new Conflict(`An identity provider named ${name} exists`);
  error.fields = { name: 'is taken' };
  return error;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
