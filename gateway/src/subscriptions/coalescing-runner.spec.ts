import { createCoalescingRunner } from './coalescing-runner';

describe('coalescing runner', () => {
  it('runs a burst of triggers at most twice, the second after the last trigger', async () => {
    const starts: number[] = [];
    let release!: () => void;
    let triggers = 0;
    const runner = createCoalescingRunner(async () => {
      starts.push(triggers);
      await new Promise<void>((resolve) => (release = resolve));
    }, (error) => {
      throw error;
    });
    for (let i = 0; i < 5; i++) {
      triggers++;
      runner.trigger();
    }
    expect(starts).toEqual([1]);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(starts).toEqual([1, 5]);
    release();
    await runner.idle();
    expect(starts).toEqual([1, 5]);
  });

  it('keeps going after a failed run and stops starting runs once stopped', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const runner = createCoalescingRunner(async () => {
      runs++;
      throw new Error('subgraph down');
    }, (error) => errors.push(error));
    runner.trigger();
    await runner.idle();
    runner.trigger();
    await runner.idle();
    runner.stop();
    runner.trigger();
    await runner.idle();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(2);
  });
});
