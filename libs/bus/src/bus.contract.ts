/**
 * The behaviour every MessageBus must show, run against both implementations
 * (in-process-bus.spec.ts, kafka-bus.spec.ts). Services rely on exactly these properties.
 * Every test uses its own topics and groups, so one bus serves the whole file.
 */
import { randomUUID } from 'node:crypto';
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
  });
}
