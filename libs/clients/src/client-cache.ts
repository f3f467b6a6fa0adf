import { Injectable } from '@nestjs/common';
import { ExpiringCache } from '@app/core';
import { ClientEntity } from './client.entity';
import { ClientChangeNotifier } from './client-change.notifier';

/** Short enough that a missed change notification heals quickly. */
const TTL_MS = 30_000;

/**
 * Client registrations (with their secret hashes) kept in memory for a short time, so the token and
 * introspection endpoints do not read the database for the client on every request. Entries are dropped
 * on any change to the client, on this instance or another.
 */
@Injectable()
export class ClientCache {
  private readonly entries = new ExpiringCache<ClientEntity | null>(TTL_MS);

  constructor(notifier: ClientChangeNotifier) {
    notifier.onClientChanged((clientId) => this.entries.delete(clientId));
    notifier.onReset(() => this.entries.clear());
  }

  /** A copy of the cached registration; `null` means known to be absent; undefined means not cached. */
  get(clientId: string): ClientEntity | null | undefined {
    const client = this.entries.get(clientId);
    return client ? Object.assign(new ClientEntity(), client) : client;
  }

  set(clientId: string, client: ClientEntity | null): void {
    // Copies in and out: a caller changing its entity must not change what the next request reads.
    this.entries.set(clientId, client ? Object.assign(new ClientEntity(), client) : null);
  }

  delete(clientId: string): void {
    this.entries.delete(clientId);
  }
}
