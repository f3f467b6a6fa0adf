/** The current time, injectable so tests can move it. */
export abstract class Clock {
  abstract now(): Date;

  /** Seconds since the epoch, as used in JWT claims. */
  epochSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
