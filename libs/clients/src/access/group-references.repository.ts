import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ClientChangeNotifier } from '../client-change.notifier';
import { ApiRepository } from '../apis/api.repository';

/** The clients and APIs whose `allowed_groups` name a group. */
export interface GroupUse {
  clients: string[];
  apis: string[];
}

/** An app people sign in to, with the groups it admits (empty: everyone). */
export interface SignInPolicy {
  clientId: string;
  clientName: string;
  allowedGroups: string[];
}

/**
 * Access policies name groups, so a renamed group is renamed in them and a deleted one taken out, in the
 * caller's transaction; the caches of every instance then drop the clients and APIs that changed.
 */
@Injectable()
export class GroupReferencesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clientChanges: ClientChangeNotifier,
    private readonly apis: ApiRepository,
  ) {}

  async usesOf(name: string, manager?: EntityManager): Promise<GroupUse> {
    const runner = manager ?? this.dataSource;
    const clients: Array<{ client_id: string }> = await runner.query(`SELECT client_id FROM clients WHERE $1 = ANY(allowed_groups) ORDER BY client_id`, [name]);
    const apis: Array<{ identifier: string }> = await runner.query(`SELECT identifier FROM apis WHERE $1 = ANY(allowed_groups) ORDER BY identifier`, [name]);
    return { clients: clients.map((row) => row.client_id), apis: apis.map((row) => row.identifier) };
  }

  /** `to` undefined removes the name. Returns what changed, for the caller to announce after its commit. */
  async rewrite(from: string, to: string | undefined, manager: EntityManager): Promise<GroupUse> {
    const expression = to === undefined ? 'array_remove(allowed_groups, $1)' : 'array_replace(allowed_groups, $1, $2)';
    const parameters = to === undefined ? [from] : [from, to];
    const [clients] = (await manager.query(`UPDATE clients SET allowed_groups = ${expression}, updated_at = now() WHERE $1 = ANY(allowed_groups) RETURNING client_id`, parameters)) as [Array<{ client_id: string }>, number];
    const [apis] = (await manager.query(`UPDATE apis SET allowed_groups = ${expression}, updated_at = now() WHERE $1 = ANY(allowed_groups) RETURNING identifier`, parameters)) as [Array<{ identifier: string }>, number];
    return { clients: clients.map((row) => row.client_id), apis: apis.map((row) => row.identifier) };
  }

  announce(use: GroupUse): void {
    use.clients.forEach((clientId) => this.clientChanges.clientChanged(clientId));
    use.apis.forEach((identifier) => this.apis.apiChanged(identifier));
  }

  /** Every client a person signs in to (it has a redirect-based or device grant); APIs' own credentials excluded. */
  async signInPolicies(): Promise<SignInPolicy[]> {
    const rows: Array<{ client_id: string; client_name: string; allowed_groups: string[] }> = await this.dataSource.query(
      `SELECT client_id, client_name, allowed_groups FROM clients
       WHERE api_identifier IS NULL AND grant_types && ARRAY['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code']
       ORDER BY client_name, client_id`,
    );
    return rows.map((row) => ({ clientId: row.client_id, clientName: row.client_name, allowedGroups: row.allowed_groups }));
  }
}
