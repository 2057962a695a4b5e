import { abortReason } from './retry-policy';

/** A granted slot; `epoch` tells whether a 429 on it is news or an echo of a known overload. */
export interface LimiterSlot {
  readonly epoch: number;
}

/**
 * Concurrency limit that adapts to the provider (AIMD, like TCP congestion control): every
 * 429 halves it, a run of successes raises it by one, never above `max`. Requests beyond
 * the current limit queue in arrival order.
 */
export class AdaptiveLimiter {
  private current: number;
  private inFlight = 0;
  private successes = 0;
  private epoch = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly max: number,
    /** Successes in a row needed before the limit grows by one. */
    private readonly growAfter = 5,
  ) {
    this.current = max;
  }

  get limit(): number {
    return this.current;
  }

  get active(): number {
    return this.inFlight;
  }

  async acquire(signal?: AbortSignal): Promise<LimiterSlot> {
    while (this.inFlight >= this.current) {
      await new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(abortReason(signal));
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const index = this.waiting.indexOf(wake);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(abortReason(signal as AbortSignal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(wake);
      });
    }
    this.inFlight += 1;
    return { epoch: this.epoch };
  }

  /** The request ended; `outcome` adapts the limit. */
  release(slot: LimiterSlot, outcome: 'success' | 'rate_limited' | 'other_failure'): void {
    this.inFlight -= 1;
    if (outcome === 'rate_limited') {
      // Requests started before the last decrease saw the same overload: halve once per overload.
      if (slot.epoch === this.epoch) {
        this.current = Math.max(1, Math.floor(this.current / 2));
        this.epoch += 1;
      }
      this.successes = 0;
    } else if (outcome === 'success') {
      this.successes += 1;
      if (this.successes >= this.growAfter && this.current < this.max) {
        this.current += 1;
        this.successes = 0;
      }
    }
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    let free = this.current - this.inFlight;
    while (free > 0 && this.waiting.length > 0) {
      this.waiting.shift()?.();
      free -= 1;
    }
  }
}
