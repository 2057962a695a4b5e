import { createLogger } from '../logging/logger';
import { runShutdownSteps, stopOnSignals } from './graceful-shutdown';

function quietLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ service: 'test', level: 'debug', write: (line) => lines.push(line) }) };
}

describe('graceful shutdown', () => {
  it('runs the steps in order and still closes the rest when one fails', async () => {
    const { logger, lines } = quietLogger();
    const order: string[] = [];
    const ok = await runShutdownSteps(
      [
        { name: 'stop consuming', run: async () => void order.push('bus drained') },
        { name: 'close HTTP', run: async () => Promise.reject(new Error('server already closed')) },
        { name: 'close database', run: async () => void order.push('database closed') },
      ],
      logger,
    );
    expect(ok).toBe(false);
    expect(order).toEqual(['bus drained', 'database closed']);
    expect(lines.map((l) => JSON.parse(l)).find((e) => e.level === 'error')).toMatchObject({ msg: 'shutdown: close HTTP failed', error: { message: 'server already closed' } });
  });

  it('stops once on the first signal and exits 0 when every step succeeded', async () => {
    const { logger } = quietLogger();
    const exits: number[] = [];
    let stops = 0;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    stopOnSignals(
      async () => {
        stops++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return true;
      },
      { logger, hardDeadlineMs: 5_000, signals: ['SIGUSR2'], exit: (code) => (exits.push(code), finish()) },
    );
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2'); // a second signal while stopping changes nothing
    await finished;
    expect(stops).toBe(1);
    expect(exits).toEqual([0]);
    process.removeAllListeners('SIGUSR2');
  });

  it('exits 1 when a step hangs past the hard deadline', async () => {
    const { logger, lines } = quietLogger();
    const exits: number[] = [];
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    stopOnSignals(() => new Promise<boolean>(() => undefined), {
      logger,
      hardDeadlineMs: 50,
      signals: ['SIGUSR2'],
      exit: (code) => (exits.push(code), finish()),
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    await finished;
    expect(exits).toEqual([1]);
    expect(lines.join('\n')).toContain('shutdown did not finish in time');
    process.removeAllListeners('SIGUSR2');
  });
});
