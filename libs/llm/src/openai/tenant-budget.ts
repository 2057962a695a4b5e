import { abortReason, sleep } from './retry-policy';

interface Spend {
  at: number;
  tokens: number;
  /** Still inside the window: its tokens count in the window's sum. */
  live: boolean;
}

/** A reserved request; `settle` replaces the token estimate with the reported usage. */
export interface BudgetReservation {
  settle(actualTokens: number): void;
}

export interface TenantBudgetOptions {
  requestsPerWindow: number;
  tokensPerWindow: number;
  /** One minute in production; tests shorten it. */
  windowMs?: number;
  now?: () => number;
}

/**
 * Per-tenant sliding-window budget of requests and tokens. A call over the budget waits
 * until enough of the window has passed, so one tenant's big run slows itself down instead
 * of failing or starving the others.
 */
export class TenantBudgets {
  private readonly windows = new Map<string, SpendWindow>();
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(private readonly options: TenantBudgetOptions) {
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async reserve(tenantId: string, estimatedTokens: number, signal?: AbortSignal): Promise<BudgetReservation> {
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const wait = this.waitFor(tenantId, estimatedTokens);
      if (wait <= 0) break;
      await sleep(wait, signal);
    }
    let window = this.windows.get(tenantId);
    if (!window) this.windows.set(tenantId, (window = new SpendWindow()));
    const spend = window.add(this.now(), estimatedTokens);
    return { settle: (actual) => window.settle(spend, Math.max(0, actual)) };
  }

  /** Milliseconds until a call of this size fits; 0 when it fits now. */
  waitFor(tenantId: string, tokens: number): number {
    const window = this.windows.get(tenantId);
    if (!window) return 0;
    const now = this.now();
    window.expire(now - this.windowMs);
    if (window.count === 0) {
      this.windows.delete(tenantId);
      return 0; // An oversized call still runs alone rather than never.
    }
    let requestWait = 0;
    if (window.count >= this.options.requestsPerWindow) requestWait = window.at(window.count - this.options.requestsPerWindow).at + this.windowMs - now;
    let tokenWait = 0;
    let used = window.tokens;
    // Only over the token budget: from the oldest, until enough would have left the window.
    for (let i = 0; i < window.count && used + tokens > this.options.tokensPerWindow; i++) {
      const spend = window.at(i);
      used -= spend.tokens;
      tokenWait = spend.at + this.windowMs - now;
    }
    return Math.max(0, requestWait, tokenWait);
  }
}

/**
 * One tenant's calls inside the window, oldest first, with their tokens summed as they come
 * and go. A big run reserves thousands of calls a minute; recounting the window on every
 * call made each reservation cost as much as the window was long.
 */
class SpendWindow {
  private spends: Spend[] = [];
  private head = 0;
  /** Tokens of the calls inside the window. */
  tokens = 0;

  get count(): number {
    return this.spends.length - this.head;
  }

  /** The i-th oldest call inside the window. */
  at(i: number): Spend {
    return this.spends[this.head + i];
  }

  add(at: number, tokens: number): Spend {
    const spend: Spend = { at, tokens, live: true };
    this.spends.push(spend);
    this.tokens += tokens;
    return spend;
  }

  settle(spend: Spend, tokens: number): void {
    if (spend.live) this.tokens += tokens - spend.tokens;
    spend.tokens = tokens;
  }

  /** Drops the calls made at or before `cutoff`. */
  expire(cutoff: number): void {
    while (this.head < this.spends.length && this.spends[this.head].at <= cutoff) {
      const spend = this.spends[this.head++];
      spend.live = false;
      this.tokens -= spend.tokens;
    }
    // Compacted once the dropped part outweighs the rest, so dropping stays cheap on average.
    if (this.head > 64 && this.head * 2 > this.spends.length) {
      this.spends = this.spends.slice(this.head);
      this.head = 0;
    }
  }
}
