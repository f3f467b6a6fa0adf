import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApiEntity, ApiService, ClientChangeNotifier, ClientEntity, ClientSecretSealer, ClientSecretService, GroupReferencesRepository, usesSecret } from '@app/clients';
import { Conflict } from '@app/core';
import { IdentityProviderEntity, IdentityProviderService } from '@app/federation';
import { GroupEntity, GroupService, UserService } from '@app/users';
import type { DesiredApi, DesiredApplication, DesiredConfiguration, DesiredProvider } from './desired-configuration';
import type { LiveConfiguration } from './live-configuration.service';
import type { Plan, PlannedChange } from './plan';
import { writeRoles } from './role-writer';

/**
 * Writes a plan in one transaction: every change or none. Each write goes through the transaction's
 * manager (the embedded database has one connection: anything else would wait for the commit forever).
 * Caches hear of the changed clients and APIs once the commit is done, as after the admin API's own writes.
 */
@Injectable()
export class ConfigurationWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: ClientSecretService,
    private readonly sealer: ClientSecretSealer,
    private readonly providers: IdentityProviderService,
    private readonly groups: GroupService,
    private readonly users: UserService,
    private readonly apis: ApiService,
    private readonly clientChanges: ClientChangeNotifier,
    private readonly groupReferences: GroupReferencesRepository,
  ) {}

  async write(plan: Plan, desired: DesiredConfiguration, live: LiveConfiguration): Promise<void> {
    const of = (kind: string, ...actions: PlannedChange['action'][]) => plan.changes.filter((change) => change.kind === kind && actions.includes(change.action));
    // Hashed before the transaction opens: scrypt is slow on purpose, and the transaction should be short.
    const hashes = new Map<string, string>();
    for (const application of desired.applications.values()) if (application.secret) hashes.set(application.clientId, await this.secrets.hashChosenSecret(application.secret));
    const touchedClients = new Set<string>();
    const touchedApis = new Set<string>();
    const touch = (use: { clients: string[]; apis: string[] }) => {
      use.clients.forEach((clientId) => touchedClients.add(clientId));
      use.apis.forEach((identifier) => touchedApis.add(identifier));
    };
    await this.inTransaction(async (manager) => {
      const groupIds = await this.writeGroups(manager, of('group', 'create', 'update'), desired, live, touch);
      for (const change of of('identity_provider', 'create', 'update')) await this.writeProvider(manager, desired.providers.get(change.key)!, live);
      for (const change of of('application', 'create', 'update')) {
        await this.writeApplication(manager, change.action, desired.applications.get(change.key)!, hashes.get(change.key));
        touchedClients.add(change.key);
      }
      for (const change of of('api', 'create', 'update')) {
        await this.writeApi(manager, desired.apis.get(change.key)!, live);
        touchedApis.add(change.key);
      }
      await writeRoles(manager, this.users, of('role', 'create', 'update', 'delete'), desired, live);
      for (const change of of('api', 'delete')) {
        const api = live.apis.get(change.key)!;
        await manager.getRepository(ApiEntity).delete({ id: api.id });
        await manager.getRepository(ClientEntity).delete({ clientId: api.clientId });
        touchedApis.add(change.key);
        touchedClients.add(api.clientId);
      }
      for (const change of of('application', 'delete')) {
        await manager.getRepository(ClientEntity).delete({ clientId: change.key });
        touchedClients.add(change.key);
      }
      for (const change of of('identity_provider', 'delete')) {
        const provider = live.providers.get(change.key)!;
        await this.groups.removeSourcedMemberships(provider.membershipSource, manager);
        await manager.getRepository(IdentityProviderEntity).delete({ id: provider.id });
      }
      for (const change of of('group', 'delete')) {
        // Policies outside the document (the console's) may still name it: taken out, as the admin API does.
        const group = live.groups.get(change.key.toLowerCase())!;
        touch(await this.groupReferences.rewrite(group.name, undefined, manager));
        await manager.getRepository(GroupEntity).delete({ id: groupIds.get(change.key.toLowerCase())! });
      }
    });
    for (const identifier of touchedApis) {
      this.apis.apiChanged(identifier);
      const clientId = live.apis.get(identifier)?.clientId;
      if (clientId) touchedClients.add(clientId);
    }
    for (const clientId of touchedClients) this.clientChanges.clientChanged(clientId);
  }

  /** Another write between plan and apply can make a key taken: a conflict to plan again, not a server error. */
  private async inTransaction(work: (manager: EntityManager) => Promise<void>): Promise<void> {
    try {
      await this.dataSource.transaction(work);
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if (code === '23505') throw new Conflict('The configuration changed while it was applied: nothing was written; plan again');
      throw error;
    }
  }

  /** Groups first, then their nesting (a parent may be new too). Answers the id of every group by lower-case name. */
  private async writeGroups(manager: EntityManager, changes: PlannedChange[], desired: DesiredConfiguration, live: LiveConfiguration, touch: (use: { clients: string[]; apis: string[] }) => void): Promise<Map<string, string>> {
    const ids = new Map([...live.groups].map(([key, group]) => [key, group.id]));
    const repository = manager.getRepository(GroupEntity);
    for (const change of changes) {
      const group = desired.groups.get(change.key.toLowerCase())!;
      const fields = { name: group.name, description: group.description, requireMfa: group.requireMfa, requirePhishingResistant: group.requirePhishingResistant };
      if (change.action === 'create') ids.set(change.key.toLowerCase(), String((await repository.insert(fields)).identifiers[0].id));
      else {
        await repository.update({ id: ids.get(change.key.toLowerCase())! }, fields);
        // A new spelling of the name is the name every policy uses.
        const before = live.groups.get(change.key.toLowerCase())!.name;
        if (before !== group.name) touch(await this.groupReferences.rewrite(before, group.name, manager));
      }
    }
    for (const change of changes) {
      if (change.action === 'update' && !('parents' in change.diff)) continue;
      const childId = ids.get(change.key.toLowerCase())!;
      await manager.query('DELETE FROM group_subgroups WHERE child_id = $1', [childId]);
      for (const parent of desired.groups.get(change.key.toLowerCase())!.parents) {
        await manager.query('INSERT INTO group_subgroups (parent_id, child_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [ids.get(parent.toLowerCase()), childId]);
      }
    }
    return ids;
  }

  private async writeProvider(manager: EntityManager, provider: DesiredProvider, live: LiveConfiguration): Promise<void> {
    const fields = { displayName: provider.displayName, enabled: provider.enabled, config: provider.config as IdentityProviderEntity['config'] };
    const secret = provider.secret === undefined ? {} : { secret: this.providers.sealSecret(provider.secret) };
    const existing = live.providers.get(provider.name);
    if (existing) await manager.getRepository(IdentityProviderEntity).update({ id: existing.id }, { ...fields, ...secret });
    else await manager.getRepository(IdentityProviderEntity).insert({ name: provider.name, type: provider.type, ...fields, secret: null, ...secret });
  }

  /** As ClientService stores a registration: a secret only for methods that use one, sealed only for client_secret_jwt. */
  private async writeApplication(manager: EntityManager, action: PlannedChange['action'], application: DesiredApplication, hash: string | undefined): Promise<void> {
    const client = Object.assign(new ClientEntity(), application.metadata, { clientId: application.clientId });
    const secret: Partial<ClientEntity> = {};
    if (!usesSecret(client)) Object.assign(secret, { clientSecretHash: null, clientSecretSealed: null });
    else if (hash && application.secret) Object.assign(secret, { clientSecretHash: hash, clientSecretSealed: this.sealer.sealFor(client, application.secret) });
    else if (client.tokenEndpointAuthMethod !== 'client_secret_jwt') secret.clientSecretSealed = null;
    const repository = manager.getRepository(ClientEntity);
    if (action === 'create') await repository.insert(Object.assign(client, { apiIdentifier: null, clientSecretHash: null, clientSecretSealed: null }, secret));
    else await repository.update({ clientId: application.clientId }, { ...application.metadata, ...secret } as Partial<ClientEntity>);
  }

  /** A new API gets its introspection client, with a secret nobody has seen: rotate it to use it. */
  private async writeApi(manager: EntityManager, api: DesiredApi, live: LiveConfiguration): Promise<void> {
    const existing = live.apis.get(api.identifier);
    const repository = manager.getRepository(ApiEntity);
    if (existing) {
      await repository.update({ id: existing.id }, { ...api });
      return;
    }
    const { client } = this.apis.introspectionClientFor(api.identifier, api.name);
    await manager.getRepository(ClientEntity).insert(client);
    await repository.insert({ ...api, clientId: client.clientId });
  }
}
