import { Injectable } from '@nestjs/common';

/**
 * Work a lib needs done on expired rows before they are purged, through its own service so that what
 * must happen on expiry happens (an expired session is ended, and its listeners hear of it). `sweep`
 * handles at most `limit` rows and returns how many; housekeeping repeats it until fewer come back.
 */
export interface HousekeepingSweep {
  readonly name: string;
  sweep(limit: number): Promise<number>;
}

/** The sweeps of every lib; libs register theirs at start, housekeeping runs them before each purge. */
@Injectable()
export class HousekeepingSweeps {
  private readonly sweeps: HousekeepingSweep[] = [];

  register(sweep: HousekeepingSweep): void {
    this.sweeps.push(sweep);
  }

  all(): readonly HousekeepingSweep[] {
    return this.sweeps;
  }
}
