import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ApiEntity, ClientEntity } from '@app/clients';
import { GroupReferencesRepository } from '@app/clients';
import type { AppAccessView, PersonAppAccessView } from '@app/contracts';
import { GroupService } from '@app/users';

/**
 * Who may use which app. A client or API with `allowed_groups` admits only the people in one of those
 * groups (directly or through a group inside it); without any, it admits everyone. An API may also limit
 * client_credentials to `allowed_clients`.
 */
@Injectable()
export class AppAccessPolicy {
  constructor(
    private readonly groups: GroupService,
    private readonly references: GroupReferencesRepository,
  ) {}

  /** The groups of `allowed` that the person is in. */
  async admittingGroups(userId: string, allowed: readonly string[], manager?: EntityManager): Promise<string[]> {
    if (allowed.length === 0) return [];
    const mine = new Set(await this.groups.groupNamesOfPerson(userId, manager));
    return allowed.filter((name) => mine.has(name));
  }

  async mayUseClient(userId: string, client: Pick<ClientEntity, 'allowedGroups'>, manager?: EntityManager): Promise<boolean> {
    if (client.allowedGroups.length === 0) return true;
    return (await this.admittingGroups(userId, client.allowedGroups, manager)).length > 0;
  }

  /** A person's token for the API (`resource`). */
  async mayUseApi(userId: string, api: Pick<ApiEntity, 'allowedGroups'>, manager?: EntityManager): Promise<boolean> {
    if (api.allowedGroups.length === 0) return true;
    return (await this.admittingGroups(userId, api.allowedGroups, manager)).length > 0;
  }

  /** A client_credentials token for the API. */
  clientMayUseApi(clientId: string, api: Pick<ApiEntity, 'allowedClients'>): boolean {
    return api.allowedClients.length === 0 || api.allowedClients.includes(clientId);
  }

  /** "Who can sign in and why": everyone, or the people of the allowed groups with the groups that admit them. */
  async whoCanSignIn(client: Pick<ClientEntity, 'allowedGroups'>): Promise<AppAccessView> {
    if (client.allowedGroups.length === 0) return { everyone: true, allowed_groups: [], people: [] };
    const people = await this.groups.peopleInGroups(client.allowedGroups);
    return { everyone: false, allowed_groups: [...client.allowedGroups], people };
  }

  /** "Which apps": every app the person may sign in to, and why. */
  async appsOf(userId: string): Promise<PersonAppAccessView[]> {
    const mine = new Set(await this.groups.groupNamesOfPerson(userId));
    const apps: PersonAppAccessView[] = [];
    for (const policy of await this.references.signInPolicies()) {
      const via = policy.allowedGroups.filter((name) => mine.has(name));
      if (policy.allowedGroups.length === 0 || via.length > 0) {
        apps.push({ client_id: policy.clientId, client_name: policy.clientName, everyone: policy.allowedGroups.length === 0, via });
      }
    }
    return apps;
  }
}
