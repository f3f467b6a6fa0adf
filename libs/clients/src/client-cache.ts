import { Injectable } from '@nestjs/common';
import { ClientEntity } from './client.entity';
import { ClientChangeNotifier } from './client-change.notifier';

/** Short enough that a missed change notification heals quickly. */
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * Client registrations (with their secret hashes) kept in memory for a short time, so the token and
 * introspection endpoints do not read the database for the client on every request. Entries are dropped
 * on any change to the client, on this instance or another.
 */
@Injectable()
export class ClientCache {
  private readonly entries = new Map<string, { client: ClientEntity | null; expiresAt: number }>();

  constructor(notifier: ClientChangeNotifier) {
    notifier.onClientChanged((clientId) => this.entries.delete(clientId));
    notifier.onReset(() => this.entries.clear());
  }

  /** A copy of the cached registration; `null` means known to be absent; undefined means not cached. */
  get(clientId: string): ClientEntity | null | undefined {
    const entry = this.entries.get(clientId);
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) {
      this.entries.delete(clientId);
      return undefined;
    }
    return entry.client ? Object.assign(new ClientEntity(), entry.client) : null;
  }

  set(clientId: string, client: ClientEntity | null): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(clientId, { client: client ? Object.assign(new ClientEntity(), client) : null, expiresAt: Date.now() + TTL_MS });
  }

  delete(clientId: string): void {
    this.entries.delete(clientId);
  }
}
