import { AdaptiveLimiter } from './adaptive-limiter';
import { backoffMs, retryAfterFromHeaders } from './retry-policy';
import { validateJson } from './json-schema';

describe('retryAfterFromHeaders', () => {
  const now = Date.parse('2026-11-20T10:00:00Z');

  it('reads delta-seconds, HTTP dates and retry-after-ms (which wins)', () => {
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '3' }), now)).toBe(3_000);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': 'Fri, 20 Nov 2026 10:00:07 GMT' }), now)).toBe(7_000);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '30', 'retry-after-ms': '250' }), now)).toBe(250);
  });

  it('ignores missing or unreadable values and dates in the past', () => {
    expect(retryAfterFromHeaders(new Headers(), now)).toBeNull();
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': 'Fri, 20 Nov 2026 09:00:00 GMT' }), now)).toBe(0);
  });
});

describe('backoffMs', () => {
  it('doubles per attempt with jitter in the upper half, capped', () => {
    expect(backoffMs(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffMs(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffMs(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffMs(20, 100, 10_000, () => 1)).toBe(10_000);
  });
});

describe('AdaptiveLimiter', () => {
  it('queues acquisitions beyond the limit until a slot is released', async () => {
    const limiter = new AdaptiveLimiter(2);
    const a = await limiter.acquire();
    await limiter.acquire();
    let third = false;
    const pending = limiter.acquire().then(() => (third = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(third).toBe(false);
    limiter.release(a, 'success');
    await pending;
    expect(third).toBe(true);
  });

  it('halves once per overload even when several requests of the same burst see a 429', async () => {
    const limiter = new AdaptiveLimiter(8);
    const slots = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    for (const slot of slots) limiter.release(slot, 'rate_limited');
    expect(limiter.limit).toBe(4);
    const next = await limiter.acquire();
    limiter.release(next, 'rate_limited');
    expect(limiter.limit).toBe(2);
    for (let i = 0; i < 10; i += 1) limiter.release(await limiter.acquire(), 'rate_limited');
    expect(limiter.limit).toBe(1);
  });
});

describe('validateJson', () => {
  it('reports missing fields, wrong types and enum violations with their path', () => {
    const schema = {
      type: 'object' as const,
      properties: {
        action: { type: 'string' as const, enum: ['say', 'end'] },
        note: { type: ['string', 'null'] as ['string', 'null'] },
        items: { type: 'array' as const, items: { type: 'integer' as const } },
      },
      required: ['action', 'note', 'items'],
      additionalProperties: false as const,
    };
    expect(validateJson(schema, { action: 'say', note: null, items: [1, 2] })).toEqual([]);
    expect(validateJson(schema, { action: 'shout', items: [1.5] })).toEqual(['$.note: missing', '$.action: must be one of say, end', '$.items[0]: expected an integer']);
  });
});
