import { Injectable } from '@nestjs/common';
import { ChangeFeed } from '@app/core';

type Listener = (clientId: string) => void;

const CHANNEL = 'client_changed';

/**
 * Tells caches that a client registration changed or was removed, so they drop it at once: on this
 * instance immediately, on the others through the change feed.
 */
@Injectable()
export class ClientChangeNotifier {
  private readonly listeners = new Set<Listener>();
  private readonly resetListeners = new Set<() => void>();

  constructor(private readonly feed: ChangeFeed) {
    feed.subscribe(CHANNEL, (clientId) => this.deliver(clientId));
    feed.onReset(() => this.resetListeners.forEach((reset) => reset()));
  }

  onClientChanged(listener: Listener): void {
    this.listeners.add(listener);
  }

  /** The feed lost its connection: forget every cached client. */
  onReset(listener: () => void): void {
    this.resetListeners.add(listener);
  }

  clientChanged(clientId: string): void {
    // Local caches drop it synchronously inside publish; a failed NOTIFY leaves the others to their TTL.
    void this.feed.publish(CHANNEL, clientId).catch(() => undefined);
  }

  private deliver(clientId: string): void {
    for (const listener of this.listeners) listener(clientId);
  }
}
