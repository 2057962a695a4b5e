/**
 * Caps how much work of one process runs at once (a service's model and agent calls),
 * whatever the number of partitions it owns: the LLM provider's rate limits and the
 * process's sockets are shared by all of them.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {}

  /** Waits for a slot; the caller must release it exactly once. */
  async acquire(): Promise<{ release(): void }> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const next = this.waiting.shift();
        if (next) next();
        else this.active--;
      },
    };
  }
}
