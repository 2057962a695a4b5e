/**
 * The behaviour every MessageBus must show, run against both implementations
 * (in-process-bus.spec.ts, kafka-bus.spec.ts). Services rely on exactly these properties.
 * Every test uses its own topics and groups, so one bus serves the whole file.
 */
import { randomUUID } from 'node:crypto';
import { inSpan, metricsRegistry, recordSpans, type SpanRecorder } from '@sim/observability';
import {
  BusMessage,
  MessageBus,
  MessageHeaders,
  OutgoingMessage,
  PermanentMessageError,
  SubscribeOptions,
  Subscription,
  deadLetterTopic,
} from './bus';
import { partitionForKey } from './in-process/murmur2';

export interface BusContractOptions {
  /** Upper bound for anything a test waits for (Kafka rebalances take seconds). Default 12 s. */
  waitMs?: number;
  /** Start of every topic and group name, so a run can find (and delete) what it created. Default 'contract'. */
  namePrefix?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (message: BusMessage): string => decoder.decode(message.value);
const message = (key: string, value: string, headers?: Record<string, string>): OutgoingMessage => ({
  key,
  value: encoder.encode(value),
  headers,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lets handlers wait until `count` of them arrived, so a test proves that they overlapped
 * without timing thresholds. `fallbackMs` after the first wait it opens anyway: an implementation
 * that runs them one by one then fails the test's order assertion instead of hanging.
 */
function barrier(count: number, fallbackMs: number) {
  let arrived = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve)).finally(() => clearTimeout(timer));
  const wait = (): Promise<void> => {
    timer ??= setTimeout(open, fallbackMs);
    return opened;
  };
  return {
    wait,
    arrive(): Promise<void> {
      if (++arrived >= count) open();
      return wait();
    },
  };
}

export function describeBusContract(
  name: string,
  makeBus: () => MessageBus | Promise<MessageBus>,
  options: BusContractOptions = {},
): void {
  const waitMs = options.waitMs ?? 12_000;
  const namePrefix = options.namePrefix ?? 'contract';

  describe(`MessageBus contract: ${name}`, () => {
    let bus: MessageBus;
    const open: Subscription[] = [];

    beforeAll(async () => {
      bus = await makeBus();
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });
    afterAll(async () => {
      await bus?.close();
    });

    const unique = (label: string) => `${namePrefix}.${label}.${randomUUID().slice(0, 8)}`;

    async function topic(label: string, partitions: number): Promise<string> {
      const topicName = unique(label);
      await bus.ensureTopics([{ name: topicName, partitions }]);
      return topicName;
    }

    async function subscribe(subscribeOptions: SubscribeOptions): Promise<Subscription> {
      const subscription = await bus.subscribe(subscribeOptions);
      open.push(subscription);
      return subscription;
    }

    /** Collects what a handler received. */
    function recorder() {
      const received: BusMessage[] = [];
      return { received, handler: async (m: BusMessage) => void received.push(m) };
    }

    async function eventually(what: string, condition: () => boolean): Promise<void> {
      const deadline = Date.now() + waitMs;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out after ${waitMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    it('keeps the order of messages with the same key', async () => {
      const t = await topic('order', 4);
      const { received, handler } = recorder();
      await subscribe({ groupId: unique('g'), topics: [t], handler, fromBeginning: true });

      const keys = ['case-a', 'case-b', 'case-c'];
      for (let batch = 0; batch < 3; batch++) {
        const messages = [];
        for (let i = batch * 10; i < batch * 10 + 10; i++) {
          for (const key of keys) messages.push(message(key, String(i)));
        }
        await bus.publish(t, messages);
      }

      await eventually('90 messages', () => received.length === 90);
      for (const key of keys) {
        const ofKey = received.filter((m) => m.key === key);
        expect(ofKey.map(text)).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
        expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
        expect(ofKey.map((m) => Number(m.offset))).toEqual([...ofKey.map((m) => Number(m.offset))].sort((a, b) => a - b));
      }
    });

    it('publishes to several topics in one call, each topic in its order, with its headers', async () => {
      const [first, second] = [await topic('all-a', 2), await topic('all-b', 2)];
      const a = recorder();
      const b = recorder();
      await subscribe({ groupId: unique('g'), topics: [first], handler: a.handler, fromBeginning: true });
      await subscribe({ groupId: unique('g'), topics: [second], handler: b.handler, fromBeginning: true });

      await bus.publishAll([
        { topic: first, messages: ['1', '2', '3'].map((value) => ({ ...message('case-a', value), headers: { 'x-n': value } })) },
        { topic: second, messages: [message('case-b', 'only')] },
        { topic: first, messages: [] },
      ]);

      await eventually('both topics', () => a.received.length === 3 && b.received.length === 1);
      expect(a.received.map(text)).toEqual(['1', '2', '3']);
      expect(a.received.map((m) => m.headers['x-n'])).toEqual(['1', '2', '3']);
      expect(b.received.map((m) => [m.key, text(m)])).toEqual([['case-b', 'only']]);
    });

    it("splits a topic's partitions between the members of a group, each message handled once", async () => {
      const t = await topic('share', 6);
      const groupId = unique('g');
      const a = recorder();
      const b = recorder();
      await subscribe({ groupId, topics: [t], handler: a.handler, fromBeginning: true });
      await subscribe({ groupId, topics: [t], handler: b.handler, fromBeginning: true });

      await bus.publish(t, Array.from({ length: 60 }, (_, i) => message(`key-${i}`, `m${i}`)));

      await eventually('60 messages over both members', () => a.received.length + b.received.length >= 60);
      await new Promise((resolve) => setTimeout(resolve, 300)); // room for a duplicate to show
      const all = [...a.received, ...b.received].map(text);
      expect(all).toHaveLength(60);
      expect(new Set(all).size).toBe(60);
      expect(a.received.length).toBeGreaterThan(0);
      expect(b.received.length).toBeGreaterThan(0);
      const partitionsOfA = new Set(a.received.map((m) => m.partition));
      expect(b.received.filter((m) => partitionsOfA.has(m.partition))).toEqual([]);
    });

    it('delivers every message to each group', async () => {
      const t = await topic('groups', 3);
      const first = recorder();
      const second = recorder();
      await subscribe({ groupId: unique('g1'), topics: [t], handler: first.handler, fromBeginning: true });
      await subscribe({ groupId: unique('g2'), topics: [t], handler: second.handler, fromBeginning: true });

      await bus.publish(t, Array.from({ length: 20 }, (_, i) => message(`k${i}`, `m${i}`)));

      await eventually('20 messages in each group', () => first.received.length === 20 && second.received.length === 20);
      expect(first.received.map(text).sort()).toEqual(second.received.map(text).sort());
    });

    it('retries a failing handler with growing backoff until it succeeds', async () => {
      const t = await topic('retry', 1);
      const attempts: Array<{ attempt: number; at: number }> = [];
      const handled: BusMessage[] = [];
      await subscribe({
        groupId: unique('g'),
        topics: [t],
        fromBeginning: true,
        retry: { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 1_000 },
        handler: async (m) => {
          attempts.push({ attempt: m.attempt, at: Date.now() });
          if (m.attempt < 3) throw new Error(`flaky ${m.attempt}`);
          handled.push(m);
        },
      });

      await bus.publish(t, [message('k', 'flaky')]);

      await eventually('the third attempt to succeed', () => handled.length === 1);
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
      // Backoff steps 100 then 200 ms, each jittered within its upper half.
      expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(49);
      expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(99);
      expect(text(handled[0])).toBe('flaky');
    });

    it('dead-letters a message that fails every attempt, with the reason, and moves on', async () => {
      const t = await topic('dlq', 1);
      const attempts: number[] = [];
      const handled: string[] = [];
      await subscribe({
        groupId: unique('g'),
        topics: [t],
        fromBeginning: true,
        retry: { maxAttempts: 3, initialBackoffMs: 10, maxBackoffMs: 50 },
        handler: async (m) => {
          if (text(m) === 'poison') {
            attempts.push(m.attempt);
            throw new Error('boom: cannot handle poison');
          }
          handled.push(text(m));
        },
      });
      const dead = recorder();
      await subscribe({ groupId: unique('dlq-reader'), topics: [deadLetterTopic(t)], handler: dead.handler, fromBeginning: true });

      await bus.publish(t, [message('k', 'poison', { [MessageHeaders.tenantId]: 'tenant-1' }), message('k', 'after')]);

      await eventually('the next message and the dead letter', () => handled.length === 1 && dead.received.length === 1);
      expect(handled).toEqual(['after']);
      expect(attempts).toEqual([1, 2, 3]);
      const [letter] = dead.received;
      expect(letter.key).toBe('k');
      expect(text(letter)).toBe('poison');
      expect(letter.headers).toMatchObject({
        [MessageHeaders.dlqReason]: 'boom: cannot handle poison',
        [MessageHeaders.dlqSourceTopic]: t,
        [MessageHeaders.dlqAttempts]: '3',
        [MessageHeaders.tenantId]: 'tenant-1',
      });
    });

    it('dead-letters a PermanentMessageError at once, without retries', async () => {
      const t = await topic('permanent', 1);
      const attempts: number[] = [];
      await subscribe({
        groupId: unique('g'),
        topics: [t],
        fromBeginning: true,
        retry: { maxAttempts: 5, initialBackoffMs: 10, maxBackoffMs: 50 },
        handler: async (m) => {
          attempts.push(m.attempt);
          throw new PermanentMessageError('undecodable payload');
        },
      });
      const dead = recorder();
      await subscribe({ groupId: unique('dlq-reader'), topics: [deadLetterTopic(t)], handler: dead.handler, fromBeginning: true });

      await bus.publish(t, [message('k', 'garbage')]);

      await eventually('the dead letter', () => dead.received.length === 1);
      expect(attempts).toEqual([1]);
      expect(dead.received[0].headers).toMatchObject({
        [MessageHeaders.dlqReason]: 'undecodable payload',
        [MessageHeaders.dlqAttempts]: '1',
      });
    });

    it('redelivers a message to another member when its member leaves mid-handler', async () => {
      const t = await topic('handover', 1);
      const groupId = unique('g');
      const deliveries: Array<{ member: string; message: BusMessage }> = [];
      let release!: () => void;
      const stuck = new Promise<void>((resolve) => (release = resolve));
      const member = (label: string) => async (m: BusMessage) => {
        deliveries.push({ member: label, message: m });
        if (deliveries.length === 1) await stuck; // the first delivery never finishes in time
      };
      const subscriptions = {
        a: await subscribe({ groupId, topics: [t], handler: member('a'), fromBeginning: true }),
        b: await subscribe({ groupId, topics: [t], handler: member('b'), fromBeginning: true }),
      };

      await bus.publish(t, [message('case-1', 'turn 1')]);
      await eventually('the first delivery', () => deliveries.length === 1);
      const first = deliveries[0];
      await subscriptions[first.member as 'a' | 'b'].close();

      try {
        await eventually('the redelivery', () => deliveries.length === 2);
        const second = deliveries[1];
        expect(second.member).not.toBe(first.member);
        expect(second.message.offset).toBe(first.message.offset);
        expect(text(second.message)).toBe('turn 1');
      } finally {
        release();
      }
    });

    it('starts a new group from the beginning or from the end as asked, and a known group where it left off', async () => {
      const t = await topic('start', 1);
      await bus.publish(t, [message('k', 'old-1'), message('k', 'old-2')]);

      const early = recorder();
      const late = recorder();
      const earlyGroup = unique('early');
      const earlySubscription = await subscribe({ groupId: earlyGroup, topics: [t], handler: early.handler, fromBeginning: true });
      await subscribe({ groupId: unique('late'), topics: [t], handler: late.handler, fromBeginning: false });
      await bus.publish(t, [message('k', 'new-1')]);

      await eventually('both groups to reach new-1', () => early.received.length === 3 && late.received.length === 1);
      expect(early.received.map(text)).toEqual(['old-1', 'old-2', 'new-1']);
      expect(late.received.map(text)).toEqual(['new-1']);

      // The group now has committed offsets: fromBeginning no longer applies.
      await earlySubscription.close();
      await bus.publish(t, [message('k', 'new-2')]);
      const again = recorder();
      await subscribe({ groupId: earlyGroup, topics: [t], handler: again.handler, fromBeginning: true });
      await eventually('the resumed group to get new-2', () => again.received.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(again.received.map(text)).toEqual(['new-2']);
    });

    it('round-trips key, binary value and headers', async () => {
      const t = await topic('headers', 2);
      const { received, handler } = recorder();
      await subscribe({ groupId: unique('g'), topics: [t], handler, fromBeginning: true });
      const headers = {
        [MessageHeaders.tenantId]: 'tenant-42',
        [MessageHeaders.messageId]: randomUUID(),
        [MessageHeaders.traceparent]: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        'x-note': 'héllo ✓',
      };
      const value = Uint8Array.from([0, 1, 128, 255, 10]);

      await bus.publish(t, [{ key: 'run-case-7', value, headers }]);

      await eventually('the message', () => received.length === 1);
      const [m] = received;
      expect(m.topic).toBe(t);
      expect(m.key).toBe('run-case-7');
      expect(Array.from(m.value)).toEqual(Array.from(value));
      expect(m.headers).toEqual(headers);
      expect(m.attempt).toBe(1);
    });

    describe('with maxInFlightPerPartition', () => {
      it('runs the messages of different keys in one partition concurrently', async () => {
        const t = await topic('parallel', 1);
        const keys = Array.from({ length: 8 }, (_, i) => `case-${i}`);
        await bus.publish(t, keys.map((key) => message(key, `step of ${key}`)));
        const events: string[] = [];
        const allStarted = barrier(keys.length, 2_000);
        await subscribe({
          groupId: unique('g'),
          topics: [t],
          fromBeginning: true,
          maxInFlightPerPartition: 8,
          handler: async (m) => {
            events.push(`start ${m.key}`);
            await allStarted.arrive(); // a slow step (LLM call) that only ends once all eight run
            await sleep(50);
            events.push(`end ${m.key}`);
          },
        });

        await eventually('eight handlers to end', () => events.filter((e) => e.startsWith('end')).length === 8);
        // Every handler started before the first one ended: all eight ran at once.
        expect(events.slice(0, 8).sort()).toEqual(keys.map((key) => `start ${key}`).sort());
      });

      it('never runs two messages of one key at once, keeps their order and stays within the limit', async () => {
        const t = await topic('key-order', 1);
        const keys = ['case-a', 'case-b', 'case-c'];
        const published: OutgoingMessage[] = [];
        for (let step = 0; step < 6; step++) for (const key of keys) published.push(message(key, `${key}/${step}`));
        await bus.publish(t, published);
        const received: BusMessage[] = [];
        const runningPerKey = new Map<string, number>();
        let running = 0;
        let mostRunning = 0;
        let sameKeyOverlaps = 0;
        await subscribe({
          groupId: unique('g'),
          topics: [t],
          fromBeginning: true,
          maxInFlightPerPartition: 2,
          handler: async (m) => {
            received.push(m);
            runningPerKey.set(m.key, (runningPerKey.get(m.key) ?? 0) + 1);
            if (runningPerKey.get(m.key)! > 1) sameKeyOverlaps++;
            mostRunning = Math.max(mostRunning, ++running);
            await sleep(2 + Math.floor(Math.random() * 15));
            running--;
            runningPerKey.set(m.key, runningPerKey.get(m.key)! - 1);
          },
        });

        await eventually('18 messages', () => received.length === 18 && running === 0);
        expect(sameKeyOverlaps).toBe(0);
        expect(mostRunning).toBe(2); // different keys overlapped, never more than the limit
        for (const key of keys) {
          expect(received.filter((m) => m.key === key).map(text)).toEqual(
            Array.from({ length: 6 }, (_, step) => `${key}/${step}`),
          );
        }
      });

      it('lets other keys go ahead while a message is retried and dead-lettered, keeping its key in order', async () => {
        const t = await topic('dlq-parallel', 1);
        const others = ['x/1', 'y/1', 'z/1', 'x/2', 'y/2', 'z/2'];
        await bus.publish(t, [
          message('poisoned', 'poison'),
          message('poisoned', 'after poison'),
          ...others.map((value) => message(value.split('/')[0], value)),
        ]);
        const events: string[] = [];
        const othersHandled = barrier(others.length, 2_000);
        await subscribe({
          groupId: unique('g'),
          topics: [t],
          fromBeginning: true,
          maxInFlightPerPartition: 8,
          retry: { maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 50 },
          handler: async (m) => {
            if (text(m) === 'poison') {
              // The first attempt fails only once every other key was handled meanwhile.
              if (m.attempt === 1) await othersHandled.wait();
              events.push(`poison attempt ${m.attempt} failed`);
              throw new Error('boom: poison');
            }
            events.push(`handled ${text(m)}`);
            if (m.key !== 'poisoned') void othersHandled.arrive();
          },
        });
        const dead = recorder();
        await subscribe({ groupId: unique('dlq-reader'), topics: [deadLetterTopic(t)], handler: dead.handler, fromBeginning: true });

        await eventually('the dead letter and the message after it', () =>
          dead.received.length === 1 && events.includes('handled after poison'),
        );
        const firstFailure = events.indexOf('poison attempt 1 failed');
        for (const value of others) expect(events.indexOf(`handled ${value}`)).toBeLessThan(firstFailure);
        expect(events.filter((e) => e.startsWith('poison'))).toEqual([
          'poison attempt 1 failed',
          'poison attempt 2 failed',
          'poison attempt 3 failed',
        ]);
        expect(events.indexOf('handled after poison')).toBeGreaterThan(events.indexOf('poison attempt 3 failed'));
        expect(text(dead.received[0])).toBe('poison');
        expect(dead.received[0].headers[MessageHeaders.dlqAttempts]).toBe('3');
      });

      it('still runs at most partitionConcurrency partitions at once, each with up to N messages', async () => {
        // Two keys on each of two partitions (the in-process bus partitions like Kafka's default partitioner).
        const keys = [0, 1].flatMap((partition) =>
          Array.from({ length: 40 }, (_, i) => `case-${i}`)
            .filter((key) => partitionForKey(key, 2) === partition)
            .slice(0, 2),
        );
        const [both, one] = [await topic('two-partitions', 2), await topic('one-partition', 2)];
        for (const t of [both, one]) await bus.publish(t, keys.map((key) => message(key, key)));

        const events: string[] = [];
        const allStarted = barrier(keys.length, 2_000);
        await subscribe({
          groupId: unique('g'),
          topics: [both],
          fromBeginning: true,
          partitionConcurrency: 2,
          maxInFlightPerPartition: 2,
          handler: async (m) => {
            events.push(`start ${m.key}`);
            await allStarted.arrive();
            events.push(`end ${m.key}`);
          },
        });
        await eventually('four handlers to end', () => events.filter((e) => e.startsWith('end')).length === 4);
        expect(events.slice(0, 4).sort()).toEqual(keys.map((key) => `start ${key}`).sort());

        let running = 0;
        let mostRunning = 0;
        let handled = 0;
        await subscribe({
          groupId: unique('g'),
          topics: [one],
          fromBeginning: true,
          partitionConcurrency: 1,
          maxInFlightPerPartition: 2,
          handler: async () => {
            mostRunning = Math.max(mostRunning, ++running);
            await sleep(30);
            running--;
            handled++;
          },
        });
        await eventually('four messages', () => handled === 4);
        expect(mostRunning).toBe(2);
      });

      it('commits only below the oldest unfinished message: after close, it and all later ones come back', async () => {
        const t = await topic('inflight-handover', 1);
        const groupId = unique('g');
        const values = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'];
        await bus.publish(t, values.map((value, i) => message(`case-${i}`, value)));
        let release!: () => void;
        const stuck = new Promise<void>((resolve) => (release = resolve));
        const finished: string[] = [];
        const first = await subscribe({
          groupId,
          topics: [t],
          fromBeginning: true,
          maxInFlightPerPartition: 8,
          handler: async (m) => {
            if (text(m) === 'm2') await stuck; // mid-flight when the member leaves
            finished.push(text(m));
          },
        });
        try {
          await eventually('every message but m2 to finish', () => finished.length === 5);
          await sleep(200); // a handler that returned is done once the bus took its outcome in
          await first.close();

          const again = recorder();
          await subscribe({ groupId, topics: [t], handler: again.handler, fromBeginning: true, maxInFlightPerPartition: 8 });
          await eventually('the redelivery', () => again.received.length >= 4);
          await sleep(300); // room for a wrong redelivery to show
          // m0 and m1 were committed; m3..m5 finished above the unfinished m2, so they come back too.
          expect(again.received.map(text)).toEqual(['m2', 'm3', 'm4', 'm5']);
        } finally {
          release();
        }
      });
    });

    it('reports itself healthy while it can carry messages (readiness probes ask it)', async () => {
      await expect(bus.checkHealth(5_000)).resolves.toBeUndefined();
    });

    describe('drain (the first step of a graceful shutdown)', () => {
      it('lets the handler in progress finish and commits it; a message not started yet goes to the next member', async () => {
        const t = await topic('drain', 1);
        const groupId = unique('g');
        let slowStarted = false;
        const finished: string[] = [];
        await subscribe({
          groupId,
          topics: [t],
          fromBeginning: true,
          handler: async (m) => {
            if (text(m) === 'slow') {
              slowStarted = true;
              await sleep(500);
            }
            finished.push(text(m));
          },
        });
        await bus.publish(t, [message('case-1', 'slow'), message('case-1', 'waiting')]);
        await eventually('the slow handler to start', () => slowStarted);

        expect(await bus.drain({ timeoutMs: 10_000 })).toEqual({ finishedInTime: true });
        expect(finished).toEqual(['slow']);

        // Publishing still works after a drain (the outbox is flushed after it).
        await bus.publish(t, [message('case-1', 'marker')]);
        const next = recorder();
        await subscribe({ groupId, topics: [t], handler: next.handler, fromBeginning: true });
        await eventually('the next member to reach the marker', () => next.received.some((m) => text(m) === 'marker'));
        // 'slow' was committed: it does not come back; 'waiting' never started: it does.
        expect(next.received.map(text)).toEqual(['waiting', 'marker']);
      });

      it('hands a handler that outlives the timeout back: its message goes to the next member', async () => {
        const t = await topic('drain-timeout', 1);
        const groupId = unique('g');
        let release!: () => void;
        const stuck = new Promise<void>((resolve) => (release = resolve));
        let started = 0;
        await subscribe({
          groupId,
          topics: [t],
          fromBeginning: true,
          handler: async () => {
            started++;
            await stuck;
          },
        });
        await bus.publish(t, [message('case-1', 'too slow')]);
        await eventually('the handler to start', () => started === 1);
        try {
          const began = Date.now();
          expect(await bus.drain({ timeoutMs: 300 })).toEqual({ finishedInTime: false });
          expect(Date.now() - began).toBeLessThan(waitMs);

          const next = recorder();
          await subscribe({ groupId, topics: [t], handler: next.handler, fromBeginning: true });
          await eventually('the handed-back message', () => next.received.length === 1);
          expect(text(next.received[0])).toBe('too slow');
          expect(next.received[0].attempt).toBe(1);
        } finally {
          release();
        }
      });
    });

    describe('observability', () => {
      let spans: SpanRecorder;
      beforeAll(() => {
        spans = recordSpans();
      });
      afterAll(() => spans.stop());

      it("continues the producer's trace in the consumer: the handler runs in a span of the same trace", async () => {
        const t = await topic('trace', 2);
        const groupId = unique('g');
        const seen: BusMessage[] = [];
        await subscribe({ groupId, topics: [t], fromBeginning: true, handler: async (m) => void seen.push(m) });

        const producer = await inSpan('start run', {}, async (span) => {
          await bus.publish(t, [message('case-1', 'request', { [MessageHeaders.tenantId]: 'acme' })]);
          return span.spanContext();
        });
        await bus.publish(t, [message('case-2', 'no trace')]);
        await eventually('both messages', () => seen.length === 2);
        await eventually('both consumer spans', () => spans.spans().filter((s) => s.name === `${t} process`).length === 2);

        const traced = seen.find((m) => text(m) === 'request')!;
        expect(traced.headers.traceparent).toContain(producer.traceId);
        const consumerSpans = spans.spans().filter((s) => s.name === `${t} process`);
        const continued = consumerSpans.find((s) => s.spanContext().traceId === producer.traceId);
        expect(continued?.parentSpanContext?.spanId).toBe(producer.spanId);
        expect(continued?.attributes['messaging.consumer.group.name']).toBe(groupId);
        // A message published outside any trace starts a trace of its own, not someone else's.
        expect(seen.find((m) => text(m) === 'no trace')!.headers.traceparent).toBeUndefined();
        expect(consumerSpans.filter((s) => s.spanContext().traceId === producer.traceId)).toHaveLength(1);
      });

      it('counts handled, failed and dead-lettered messages and reports the lag per partition', async () => {
        const t = await topic('metrics', 1);
        const groupId = unique('g');
        let release!: () => void;
        const stuck = new Promise<void>((resolve) => (release = resolve));
        let handled = 0;
        await subscribe({
          groupId,
          topics: [t],
          fromBeginning: true,
          retry: { maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 2 },
          handler: async (m) => {
            if (text(m) === 'first') await stuck;
            if (text(m) === 'poison') throw new Error('cannot handle');
            handled++;
          },
        });
        await bus.publish(t, [message('k', 'first'), message('k', 'poison'), message('k', 'last')]);
        const series = async (name: string, labels: string) =>
          (await metricsRegistry().metrics()).split('\n').find((line) => line.startsWith(`${name}{${labels}}`))?.split(' ')[1];
        const lagLabels = `group="${groupId}",topic="${t}",partition="0"`;

        // While the first message is held, all three are owed.
        await sleep(300);
        expect(await series('sim_kafka_consumer_lag', lagLabels)).toBe('3');
        release();
        await eventually('the last message', () => handled === 2);
        const deadline = Date.now() + waitMs;
        while ((await series('sim_kafka_consumer_lag', lagLabels)) !== '0' && Date.now() < deadline) await sleep(50);
        expect(await series('sim_kafka_consumer_lag', lagLabels)).toBe('0');

        const counted = (outcome: string) => series('sim_bus_messages_total', `topic="${t}",group="${groupId}",outcome="${outcome}"`);
        expect(await counted('handled')).toBe('2');
        expect(await counted('failed')).toBe('2');
        expect(await counted('dead_lettered')).toBe('1');
        expect(await series('sim_bus_step_duration_seconds_count', `topic="${t}",group="${groupId}",outcome="handled"`)).toBe('2');
      });
    });
  });
}
