import { Client, Entry, ResultCodeError } from 'ldapts';
import { DirectoryUnavailable } from '@app/users';
import type { LdapProviderConfig } from '../providers/provider-config';
import { idOf, isBinaryAttribute, textOf } from './ldap-entry';
import { everyoneFilter, fillFilter } from './ldap-filter';

/** A person as the directory describes them; `groups` holds each group's DN and its cn. */
export interface LdapPerson {
  dn: string;
  subject: string;
  username?: string;
  email?: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  groups: string[];
}

export interface LdapTimeouts {
  connectMs: number;
  operationMs: number;
}

const DEFAULT_TIMEOUTS: LdapTimeouts = { connectMs: 5_000, operationMs: 10_000 };
/** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN: the server walks nested groups itself. */
const IN_CHAIN_RULE = '1.2.840.113556.1.4.1941';
const MAX_GROUP_DEPTH = 10;
const MAX_GROUPS = 1000;

/**
 * One LDAP directory, spoken to with ldapts: every call opens its own connection (StartTLS when asked),
 * binds as the service account (or stays anonymous without bind_dn) and closes it again.
 */
export class LdapDirectory {
  constructor(
    private readonly name: string,
    private readonly config: LdapProviderConfig,
    private readonly bindPassword: string | undefined,
    private readonly timeouts: LdapTimeouts = DEFAULT_TIMEOUTS,
  ) {}

  /**
   * The person with this username and password: exactly one entry under user_base_dn, then a bind as that
   * entry with the typed password. Undefined for no entry, several, or a refused bind.
   */
  async authenticate(username: string, password: string): Promise<LdapPerson | undefined> {
    // RFC 4513 §5.1.2: a DN with an empty password is an unauthenticated bind, which servers accept.
    if (!password) return undefined;
    return this.session(async (client) => {
      const entry = await this.findEntry(client, username);
      if (!entry || !(await this.passwordMatches(entry.dn, password))) return undefined;
      return this.person(entry, await this.groupsOf(client, entry.dn));
    });
  }

  /** Everyone under user_base_dn that user_filter matches, without their groups (the sync). */
  listPeople(): Promise<LdapPerson[]> {
    return this.session(async (client) => {
      const { searchEntries } = await client.search(this.config.userBaseDn, {
        scope: 'sub',
        filter: everyoneFilter(this.config.userFilter),
        attributes: this.personAttributes(),
        explicitBufferAttributes: this.bufferAttributes(),
        paged: { pageSize: 500 },
      });
      return searchEntries.map((entry) => this.person(entry, [])).filter((person): person is LdapPerson => person !== undefined);
    });
  }

  /** The groups of the person with this DN now (the sync refreshes memberships with it). */
  groupsOfPerson(dn: string): Promise<string[]> {
    return this.session((client) => this.groupsOf(client, dn));
  }

  private async findEntry(client: Client, username: string): Promise<Entry | undefined> {
    try {
      const { searchEntries } = await client.search(this.config.userBaseDn, {
        scope: 'sub',
        filter: fillFilter(this.config.userFilter, '{username}', username),
        attributes: this.personAttributes(),
        explicitBufferAttributes: this.bufferAttributes(),
        // Two are enough to know the name is ambiguous.
        sizeLimit: 2,
      });
      return searchEntries.length === 1 ? searchEntries[0] : undefined;
    } catch (error) {
      // sizeLimitExceeded (4): more than one entry has the name, so it names nobody.
      if (error instanceof ResultCodeError && error.code === 4) return undefined;
      throw error;
    }
  }

  /** The typed password is checked by the directory itself, binding as the person on a connection of its own. */
  private async passwordMatches(dn: string, password: string): Promise<boolean> {
    const client = await this.connect();
    try {
      await client.bind(dn, password);
      return true;
    } catch (error) {
      // Any refusal (invalidCredentials, AD's locked or expired accounts, a policy saying no) is a wrong password.
      if (error instanceof ResultCodeError) return false;
      throw new DirectoryUnavailable(this.name, describe(error));
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /**
   * Groups whose group_filter names the DN. With nested groups on a server that does not walk them itself,
   * the groups of those groups too, breadth first, to a bounded depth, each group once.
   */
  private async groupsOf(client: Client, dn: string): Promise<string[]> {
    const base = this.config.groupBaseDn;
    if (!base) return [];
    const walk = this.config.nestedGroups && !this.config.groupFilter.includes(IN_CHAIN_RULE);
    const found = new Map<string, { dn: string; cn: string | undefined }>();
    let frontier = [dn];
    for (let depth = 0; frontier.length > 0 && depth < (walk ? MAX_GROUP_DEPTH : 1) && found.size < MAX_GROUPS; depth++) {
      const next: string[] = [];
      for (const member of frontier) {
        const { searchEntries } = await client.search(base, { scope: 'sub', filter: fillFilter(this.config.groupFilter, '{dn}', member), attributes: ['cn'], paged: { pageSize: 500 } });
        for (const group of searchEntries) {
          // Keyed by the lower-cased DN: a cycle of groups stops at the first repeat.
          const key = group.dn.toLowerCase();
          if (found.has(key)) continue;
          found.set(key, { dn: group.dn, cn: textOf(group, 'cn') });
          next.push(group.dn);
        }
      }
      frontier = next;
    }
    return [...new Set([...found.values()].flatMap(({ dn: groupDn, cn }) => (cn ? [groupDn, cn] : [groupDn])))];
  }

  private person(entry: Entry, groups: string[]): LdapPerson | undefined {
    const attributes = this.config.attributes;
    const subject = idOf(entry, attributes.id);
    // Without its stable id a person cannot be linked (never by username): such an entry is skipped.
    if (!subject) return undefined;
    return {
      dn: entry.dn,
      subject,
      username: textOf(entry, attributes.username),
      email: textOf(entry, attributes.email),
      name: textOf(entry, attributes.name),
      givenName: textOf(entry, attributes.givenName),
      familyName: textOf(entry, attributes.familyName),
      groups,
    };
  }

  private personAttributes(): string[] {
    const { username, email, name, givenName, familyName, id } = this.config.attributes;
    return [...new Set([id, username, email, name, givenName, familyName])];
  }

  private bufferAttributes(): string[] {
    return this.personAttributes().filter(isBinaryAttribute);
  }

  /** A connection bound as the service account; what goes wrong on the way is the directory being unavailable. */
  private async session<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      if (this.config.bindDn) {
        // A bind DN without its password would be an unauthenticated bind (RFC 4513 §5.1.2): refuse it.
        if (!this.bindPassword) throw new DirectoryUnavailable(this.name, 'bind_dn is set but no bind_password is stored');
        await client.bind(this.config.bindDn, this.bindPassword);
      }
      return await work(client);
    } catch (error) {
      if (error instanceof DirectoryUnavailable) throw error;
      throw new DirectoryUnavailable(this.name, describe(error));
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  private async connect(): Promise<Client> {
    const client = new Client({ url: this.config.url, connectTimeout: this.timeouts.connectMs, timeout: this.timeouts.operationMs, strictDN: false });
    if (this.config.startTls) {
      try {
        await client.startTLS({ servername: new URL(this.config.url).hostname });
      } catch (error) {
        await client.unbind().catch(() => undefined);
        throw new DirectoryUnavailable(this.name, `StartTLS failed: ${describe(error)}`);
      }
    }
    return client;
  }
}

function describe(error: unknown): string {
  if (error instanceof ResultCodeError) return `${error.name} (${error.code}): ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
