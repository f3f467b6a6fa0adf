/**
 * Runs an outbox's delivery rounds: one now, one every `intervalMs`, and one on each `nudge` (right after
 * the round under way when one is running, never two at once). `close` stops new rounds, aborts `signal`
 * so deliveries under way are cut short, and waits for the round to end.
 */
export class DrainLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly stop = new AbortController();

  constructor(
    private readonly round: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** Aborted once the loop closes. */
  get signal(): AbortSignal {
    return this.stop.signal;
  }

  start(): void {
    this.timer = setInterval(() => this.nudge(), this.intervalMs);
    this.timer.unref();
    this.nudge();
  }

  nudge(): void {
    if (this.stop.signal.aborted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.stop.abort();
    await this.running;
  }
}
