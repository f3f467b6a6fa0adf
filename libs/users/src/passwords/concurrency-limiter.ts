/** A task refused because every slot was taken and the queue was full or the wait too long. */
export class LimiterBusy extends Error {
  constructor(readonly reason: 'queue_full' | 'wait_timeout') {
    super(reason === 'queue_full' ? 'every slot is taken and the queue is full' : 'no slot became free in time');
    this.name = 'LimiterBusy';
  }
}

export interface LimiterBounds {
  /** Tasks that may wait for a slot; one more is refused at once. */
  maxQueue?: number;
  /** How long a task may wait for a slot before it is refused. */
  maxWaitMs?: number;
}

interface Waiter {
  grant(): void;
}

/**
 * Runs at most `limit` tasks at once; the rest wait in order. argon2 with 19 MiB per hash would otherwise
 * let a burst of logins exhaust memory and the libuv thread pool. The queue is bounded in length and in
 * wait, so under a storm the caller gets a quick refusal it can answer (503) instead of a request that
 * outlives the connection timeout.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private readonly maxQueue: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly limit: number,
    bounds: LimiterBounds = {},
  ) {
    if (limit < 1) throw new Error('limit must be at least 1');
    this.maxQueue = bounds.maxQueue ?? Infinity;
    this.maxWaitMs = bounds.maxWaitMs ?? Infinity;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxQueue) return Promise.reject(new LimiterBusy('queue_full'));
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        grant: () => {
          if (timer) clearTimeout(timer);
          resolve();
        },
      };
      if (Number.isFinite(this.maxWaitMs)) {
        timer = setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(new LimiterBusy('wait_timeout'));
        }, this.maxWaitMs);
        timer.unref();
      }
      this.waiting.push(waiter);
    });
  }

  /** A finishing task hands its slot straight to the next waiter, so no newcomer can take it in between. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next.grant();
    else this.running--;
  }
}
