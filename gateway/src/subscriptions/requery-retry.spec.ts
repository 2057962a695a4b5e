import type { FormattedExecutionResult } from 'graphql';
import { isTransientFailure, requeryWithRetry } from './requery-retry';

const unavailable: FormattedExecutionResult = { data: null, errors: [{ message: 'the orchestrator service is unavailable', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
const fine: FormattedExecutionResult = { data: { testRun: { status: 'COMPLETED' } } };

describe('subscription re-query retries', () => {
  it('tells a passing failure from a final answer', () => {
    expect(isTransientFailure(unavailable)).toBe(true);
    expect(isTransientFailure(fine)).toBe(false);
    expect(isTransientFailure({ data: null, errors: [{ message: 'no such run', extensions: { code: 'NOT_FOUND' } }] })).toBe(false);
  });

  it('asks again after a passing failure and pushes the first good answer', async () => {
    const answers = [unavailable, unavailable, fine];
    let calls = 0;
    const result = await requeryWithRetry(async () => answers[calls++], [1, 1, 1]);
    expect(result).toEqual(fine);
    expect(calls).toBe(3);
  });

  it('gives up after its pauses and returns the failure, and never retries a final answer', async () => {
    let calls = 0;
    expect(await requeryWithRetry(async () => (calls++, unavailable), [1, 1])).toEqual(unavailable);
    expect(calls).toBe(3);
    calls = 0;
    const notFound: FormattedExecutionResult = { data: null, errors: [{ message: 'no', extensions: { code: 'NOT_FOUND' } }] };
    await requeryWithRetry(async () => (calls++, notFound), [1, 1]);
    expect(calls).toBe(1);
  });
});
