import { Clock } from '@app/core';
import { FIXTURE_NOW } from '../fixtures/time.fixture';

/** A clock that stands still until told to move. */
export class FixedClock extends Clock {
  constructor(private current: Date = FIXTURE_NOW) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}
