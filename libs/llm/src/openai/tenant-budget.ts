import { abortReason, sleep } from './retry-policy';

interface Spend {
  at: number;
  tokens: number;
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
  private readonly spends = new Map<string, Spend[]>();
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
    const spend: Spend = { at: this.now(), tokens: estimatedTokens };
    const spends = this.live(tenantId);
    spends.push(spend);
    this.spends.set(tenantId, spends);
    return { settle: (actual) => void (spend.tokens = Math.max(0, actual)) };
  }

  /** Milliseconds until a call of this size fits; 0 when it fits now. */
  waitFor(tenantId: string, tokens: number): number {
    const spends = this.live(tenantId);
    if (spends.length === 0) return 0; // An oversized call still runs alone rather than never.
    const now = this.now();
    let requestWait = 0;
    if (spends.length >= this.options.requestsPerWindow) {
      requestWait = spends[spends.length - this.options.requestsPerWindow].at + this.windowMs - now;
    }
    let tokenWait = 0;
    let used = spends.reduce((sum, s) => sum + s.tokens, 0);
    for (const spend of spends) {
      if (used + tokens <= this.options.tokensPerWindow) break;
      used -= spend.tokens;
      tokenWait = spend.at + this.windowMs - now;
    }
    return Math.max(0, requestWait, tokenWait);
  }

  private live(tenantId: string): Spend[] {
    const cutoff = this.now() - this.windowMs;
    const spends = (this.spends.get(tenantId) ?? []).filter((s) => s.at > cutoff);
    if (spends.length === 0) this.spends.delete(tenantId);
    else this.spends.set(tenantId, spends);
    return spends;
  }
}
