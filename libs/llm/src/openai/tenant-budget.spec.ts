import { TenantBudgets } from './tenant-budget';

describe('TenantBudgets', () => {
  let now = 0;
  const budgets = (requestsPerWindow: number, tokensPerWindow: number) => new TenantBudgets({ requestsPerWindow, tokensPerWindow, windowMs: 1000, now: () => now });
  beforeEach(() => (now = 0));

  it('makes a call over the requests budget wait until the oldest call leaves the window', async () => {
    const b = budgets(3, 1_000_000);
    for (let i = 0; i < 3; i++) await b.reserve('acme', 1);
    expect(b.waitFor('acme', 1)).toBe(1000);
    now = 400;
    expect(b.waitFor('acme', 1)).toBe(600);
    expect(b.waitFor('globex', 1)).toBe(0);
    now = 1000;
    expect(b.waitFor('acme', 1)).toBe(0);
  });

  it('counts the tokens a call reported, not its estimate, and waits for enough of them to leave', async () => {
    const b = budgets(1000, 100);
    (await b.reserve('acme', 60)).settle(30);
    now = 100;
    await b.reserve('acme', 50);
    expect(b.waitFor('acme', 20)).toBe(0);
    // 80 used: 30 more only fit once the first call (30 tokens, at 0) has left.
    expect(b.waitFor('acme', 30)).toBe(900);
    // More than the first call frees: the second must leave too.
    expect(b.waitFor('acme', 60)).toBe(1000);
  });

  it('ignores what a call settles after it left the window', async () => {
    const b = budgets(1000, 100);
    const early = await b.reserve('acme', 50);
    now = 1500;
    expect(b.waitFor('acme', 100)).toBe(0);
    await b.reserve('acme', 10);
    early.settle(500);
    expect(b.waitFor('acme', 90)).toBe(0);
    expect(b.waitFor('acme', 91)).toBe(1000);
  });

  it('keeps its sums right over a long stream of calls sliding through the window', async () => {
    const b = budgets(1_000_000, 1_000_000);
    for (let i = 0; i < 5000; i++) {
      now = i;
      (await b.reserve('acme', 10)).settle(i % 2 === 0 ? 20 : 10);
    }
    // At 5000 the window holds the calls made at 4001..4999: 499 of 20 tokens, 500 of 10.
    now = 5000;
    expect(b.waitFor('acme', 1_000_000 - 14_980)).toBe(0);
    // One token more: the oldest call (at 4001) has to leave first.
    expect(b.waitFor('acme', 1_000_000 - 14_980 + 1)).toBe(1);
  });
});
