import { Injectable } from '@nestjs/common';

type Listener = (clientId: string) => void;

/** Tells caches that a client registration changed or was removed, so they drop it at once. */
@Injectable()
export class ClientChangeNotifier {
  private readonly listeners = new Set<Listener>();

  onClientChanged(listener: Listener): void {
    this.listeners.add(listener);
  }

  clientChanged(clientId: string): void {
    for (const listener of this.listeners) listener(clientId);
  }
}
