import { Injectable } from '@nestjs/common';
import { ApiEntity, ApiService, ClientEntity, ClientService, CONSOLE_CLIENT_ID, usesSecret } from '@app/clients';
import { AppConfig } from '@app/core';
import { IdentityProviderEntity, IdentityProviderService, toProviderView } from '@app/federation';
import { ADMIN_ROLES, GroupEntity, GroupService, UserEntity, UserService } from '@app/users';
import { apiObject, applicationObject, groupObject, providerObject, roleObject } from './canonical-objects';
import { ConfigDocument, emptyDocument, sortedDocument } from './config-document';

/** What the server holds now: the document an export prints, and the rows behind each key. */
export interface LiveConfiguration {
  document: ConfigDocument;
  clients: Map<string, ClientEntity>;
  apis: Map<string, ApiEntity>;
  /** By lower-case name: group names are unique whatever their case. */
  groups: Map<string, GroupEntity>;
  providers: Map<string, IdentityProviderEntity>;
  /** Every person holding an admin role, by username. */
  administrators: Map<string, UserEntity>;
}

const PAGE = 100;

/**
 * An API's introspection client belongs to the API; the admin console's registration is the server's own,
 * rewritten from ISSUER at every start. Neither is an application of the configuration.
 */
export function isApplication(client: Pick<ClientEntity, 'clientId' | 'apiIdentifier'>): boolean {
  return client.apiIdentifier === null && client.clientId !== CONSOLE_CLIENT_ID;
}

/** Reads every object the admin API manages, through the services the admin API uses. */
@Injectable()
export class LiveConfigurationReader {
  constructor(
    private readonly clients: ClientService,
    private readonly apis: ApiService,
    private readonly groups: GroupService,
    private readonly users: UserService,
    private readonly providers: IdentityProviderService,
    private readonly config: AppConfig,
  ) {}

  async read(): Promise<LiveConfiguration> {
    const document = emptyDocument();
    const clients = (await this.allPages((cursor) => this.clients.list({ limit: PAGE, cursor }))).filter(isApplication);
    const apis = await this.allPages((cursor) => this.apis.list({ limit: PAGE, cursor }));
    // Owners are stored by id and written by username; only the people named are read, not everyone.
    const administrators = await this.users.withAnyRole(ADMIN_ROLES);
    const ownerIds = [...new Set([...clients, ...apis].flatMap((owned) => owned.owners))];
    const usernameOf = new Map([...administrators, ...(await this.users.findByIds(ownerIds))].map((person) => [person.id, person.username]));
    const names = (ids: string[]) => ids.map((id) => usernameOf.get(id) ?? id);

    document.applications = clients.map((client) => applicationObject(client, names(client.owners), usesSecret(client)));
    document.apis = apis.map((api) => apiObject(api, names(api.owners)));

    const groups = await this.allPages((cursor) => this.groups.list({ limit: PAGE, cursor }));
    document.groups = await this.groupObjects(groups);

    document.roles = ADMIN_ROLES.map((role) => roleObject(role, administrators.filter((person) => person.roles.includes(role)).map((person) => person.username)))
      .filter((role) => (role.people as string[]).length > 0);

    const providers = await this.providers.list();
    document.identity_providers = await Promise.all(
      providers.map(async (provider) => providerObject(toProviderView(provider, this.config.issuer, await this.providers.hasSecret(provider)))),
    );

    return {
      document: sortedDocument(document),
      clients: new Map(clients.map((client) => [client.clientId, client])),
      apis: new Map(apis.map((api) => [api.identifier, api])),
      groups: new Map(groups.map((group) => [group.name.toLowerCase(), group])),
      providers: new Map(providers.map((provider) => [provider.name, provider])),
      administrators: new Map(administrators.map((person) => [person.username, person])),
    };
  }

  private async groupObjects(groups: GroupEntity[]) {
    const members = await this.groups.directMembersOf(groups.map((group) => group.id));
    const parents = new Map<string, string[]>();
    for (const group of groups) {
      for (const member of members.get(group.id.toLowerCase()) ?? []) {
        if (member.type !== 'group') continue;
        const key = member.id.toLowerCase();
        parents.set(key, [...(parents.get(key) ?? []), group.name]);
      }
    }
    return groups.map((group) => groupObject(group, parents.get(group.id.toLowerCase()) ?? []));
  }

  private async allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
    const all: T[] = [];
    let cursor: string | undefined;
    do {
      const next = await page(cursor);
      all.push(...next.items);
      cursor = next.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }
}
