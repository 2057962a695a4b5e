import { InProcessBus, type MessageBus, type TopicBatch } from '@sim/bus';
import { NoticePublisher } from './notice-publisher';
import type { OutboxMessage } from './outbox';

function notice(topic: string, key: string, text: string): OutboxMessage {
  return { tenantId: 'acme', topic, key, value: new TextEncoder().encode(text) };
}

/** A bus whose publishes are recorded, and can be made to fail or to hang until released. */
function scriptedBus() {
  const calls: TopicBatch[][] = [];
  let failure: Error | undefined;
  let hold: Promise<void> | undefined;
  let release = () => {};
  const bus = {
    publishAll: async (batches: TopicBatch[]) => {
      calls.push(batches);
      if (hold) await hold;
      if (failure) throw failure;
    },
  } as unknown as MessageBus;
  return {
    bus,
    calls,
    failWith: (error: Error | undefined) => (failure = error),
    holdPublishes: () => (hold = new Promise<void>((resolve) => (release = resolve))),
    releasePublishes: () => {
      hold = undefined;
      release();
    },
  };
}

const texts = (calls: TopicBatch[][]) => calls.map((batches) => batches.map((b) => `${b.topic}:${b.messages.map((m) => new TextDecoder().decode(m.value)).join(',')}`));

describe('NoticePublisher', () => {
  it('delivers notices with the tenant and a message id, in order per key, to a real subscriber', async () => {
    const bus = new InProcessBus({ defaultPartitions: 2 });
    const received: { key: string; text: string; tenant?: string; id?: string }[] = [];
    const subscription = await bus.subscribe({
      groupId: 'watcher',
      topics: ['turns'],
      fromBeginning: true,
      handler: async (m) => void received.push({ key: m.key, text: new TextDecoder().decode(m.value), tenant: m.headers['x-tenant-id'], id: m.headers['x-message-id'] }),
    });
    const publisher = new NoticePublisher(bus);
    for (let i = 0; i < 5; i++) publisher.publish([notice('turns', 'case-1', `a${i}`), notice('turns', 'case-2', `b${i}`)]);
    await publisher.flush();
    for (let waited = 0; received.length < 10 && waited < 2_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received.filter((r) => r.key === 'case-1').map((r) => r.text)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    expect(received.filter((r) => r.key === 'case-2').map((r) => r.text)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
    expect(received.every((r) => r.tenant === 'acme' && /^[0-9a-f-]{36}$/.test(r.id ?? ''))).toBe(true);
    await subscription.close();
    await bus.close();
  });

  it('sends what was queued within its linger in one publish, grouped by topic', async () => {
    const { bus, calls } = scriptedBus();
    const publisher = new NoticePublisher(bus, { lingerMs: 300 });
    publisher.publish([notice('turns', 'k1', '1')]);
    await new Promise((resolve) => setImmediate(resolve));
    publisher.publish([notice('other', 'k1', 'x'), notice('turns', 'k2', '2')]);
    expect(calls).toHaveLength(0); // never inside the caller's turn, and not before the linger ends
    for (let waited = 0; calls.length === 0 && waited < 2_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(texts(calls)).toEqual([['turns:1,2', 'other:x']]);
  });

  it('sends at the end of the turn of the event loop when it does not linger', async () => {
    const { bus, calls } = scriptedBus();
    const publisher = new NoticePublisher(bus, { lingerMs: 0 });
    publisher.publish([notice('turns', 'k1', '1')]);
    publisher.publish([notice('turns', 'k2', '2')]);
    expect(calls).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(texts(calls)).toEqual([['turns:1,2']]);
  });

  it('queues behind a publish in flight and sends the rest after it, in order', async () => {
    const scripted = scriptedBus();
    const publisher = new NoticePublisher(scripted.bus, { lingerMs: 0 });
    scripted.holdPublishes();
    publisher.publish([notice('turns', 'k', '1')]);
    await new Promise((resolve) => setImmediate(resolve));
    publisher.publish([notice('turns', 'k', '2')]);
    publisher.publish([notice('turns', 'k', '3')]);
    expect(scripted.calls).toHaveLength(1);
    scripted.releasePublishes();
    await publisher.flush();
    expect(texts(scripted.calls)).toEqual([['turns:1'], ['turns:2,3']]);
  });

  it('drops and reports the notices of a failed publish, and goes on with the next ones', async () => {
    const scripted = scriptedBus();
    const dropped: string[] = [];
    const publisher = new NoticePublisher(scripted.bus, { onDropped: (count, reason) => dropped.push(`${count}: ${reason}`) });
    scripted.failWith(new Error('broker unreachable'));
    publisher.publish([notice('turns', 'k', '1'), notice('turns', 'k', '2')]);
    await publisher.flush();
    scripted.failWith(undefined);
    publisher.publish([notice('turns', 'k', '3')]);
    await publisher.flush();
    expect(dropped).toEqual(['2: broker unreachable']);
    expect(texts(scripted.calls)).toEqual([['turns:1,2'], ['turns:3']]);
  });

  it('keeps at most maxQueued notices while the bus is stuck, and reports the overflow once per burst', async () => {
    const scripted = scriptedBus();
    const dropped: number[] = [];
    const publisher = new NoticePublisher(scripted.bus, { lingerMs: 0, maxQueued: 3, onDropped: (count) => dropped.push(count) });
    scripted.holdPublishes();
    publisher.publish([notice('turns', 'k', '0')]);
    await new Promise((resolve) => setImmediate(resolve)); // '0' is in flight, the queue is empty
    publisher.publish([notice('turns', 'k', '1'), notice('turns', 'k', '2')]);
    publisher.publish([notice('turns', 'k', '3'), notice('turns', 'k', '4')]);
    publisher.publish([notice('turns', 'k', '5')]);
    scripted.releasePublishes();
    await publisher.flush();
    expect(dropped).toEqual([1]);
    expect(texts(scripted.calls)).toEqual([['turns:0'], ['turns:1,2,3']]);
  });
});
