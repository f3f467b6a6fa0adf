import { Injectable } from '@nestjs/common';

/** Set when the process starts shutting down, so readiness turns red before the listener closes. */
@Injectable()
export class ShutdownState {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  beginDraining(): void {
    this.draining = true;
  }
}
