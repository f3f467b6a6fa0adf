import { isUuid } from '@app/core';
import type { UserEntity, UserService } from '@app/users';
import type { ConfigDocument } from './config-document';
import { problemAt } from './field-path';
import type { LiveConfiguration } from './live-configuration.service';

/**
 * Checks the names one object gives to others against the configuration as it will be once the document
 * is applied: groups and clients of the document, plus those the server keeps (everything, unless pruning).
 * People are not configuration: they must exist on the server already.
 */
export class ReferenceResolver {
  /** Lower-case group name -> its spelling. */
  readonly groups = new Map<string, string>();
  readonly clients = new Set<string>();
  private readonly people = new Map<string, UserEntity | null>();

  constructor(
    document: ConfigDocument,
    live: LiveConfiguration,
    prune: boolean,
    apiClientIds: readonly string[],
    private readonly users: UserService,
  ) {
    for (const group of document.groups) this.groups.set(String(group.name).toLowerCase(), String(group.name));
    for (const client of document.applications) this.clients.add(String(client.client_id));
    for (const clientId of apiClientIds) this.clients.add(clientId);
    if (prune) return;
    for (const group of live.groups.values()) if (!this.groups.has(group.name.toLowerCase())) this.groups.set(group.name.toLowerCase(), group.name);
    for (const clientId of live.clients.keys()) this.clients.add(clientId);
  }

  /** Group names in their own spelling, each once, in the order given. */
  groupNames(value: unknown, field: string): string[] {
    const names = this.textList(value, field, 'must be a list of group names');
    return [...new Set(names.map((name, index) => {
      const found = this.groups.get(name.toLowerCase());
      if (!found) throw problemAt(`${field}[${index}]`, `there is no group named "${name.slice(0, 100)}"`);
      return found;
    }))];
  }

  clientIds(value: unknown, field: string): string[] {
    const ids = this.textList(value, field, 'must be a list of client ids');
    ids.forEach((id, index) => {
      if (!this.clients.has(id)) throw problemAt(`${field}[${index}]`, `there is no client ${id.slice(0, 100)}`);
    });
    return [...new Set(ids)];
  }

  /** People by username (or id, as the admin API also accepts), each once. */
  async persons(value: unknown, field: string): Promise<UserEntity[]> {
    const names = this.textList(value, field, 'must be a list of usernames');
    const found: UserEntity[] = [];
    for (const [index, name] of names.entries()) {
      const person = await this.person(name);
      if (!person) throw problemAt(`${field}[${index}]`, `there is no person ${name.slice(0, 100)}`);
      if (!found.some((other) => other.id === person.id)) found.push(person);
    }
    return found;
  }

  private async person(name: string): Promise<UserEntity | null> {
    if (!this.people.has(name)) this.people.set(name, (isUuid(name) ? await this.users.findById(name) : await this.users.findByUsername(name)) ?? null);
    return this.people.get(name)!;
  }

  private textList(value: unknown, field: string, message: string): string[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw problemAt(field, message);
    return value as string[];
  }
}
