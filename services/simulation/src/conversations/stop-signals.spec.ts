import { StopSignals } from './stop-signals';

describe('StopSignals', () => {
  it('aborts every signal still held when the service stops, and any taken afterwards', () => {
    const signals = new StopSignals();
    const held = signals.take();
    const released = signals.take();
    released.release();
    expect(held.signal.aborted).toBe(false);

    signals.stop();
    expect(signals.stopped).toBe(true);
    expect(held.signal.aborted).toBe(true);
    expect(released.signal.aborted).toBe(false);
    expect(signals.take().signal.aborted).toBe(true);
  });
});
