import { InProcessBus, MessageHeaders, type TopicSpec } from '@sim/bus';
import { Topics, TopicSpecs } from '@sim/contracts';
import { SubscriptionHub } from './subscription-hub';

/** The in-process bus, remembering which topics it was asked to create. */
class RecordingBus extends InProcessBus {
  readonly ensured: TopicSpec[] = [];
  override async ensureTopics(topics: TopicSpec[]): Promise<void> {
    this.ensured.push(...topics);
    return super.ensureTopics(topics);
  }
}

describe('the gateway subscription hub', () => {
  it('creates the topics it listens to with the contract specs before joining, then fans events out', async () => {
    const bus = new RecordingBus();
    const hub = new SubscriptionHub(bus, [Topics.runUpdated], () => undefined);
    try {
      await hub.start();
      expect(bus.ensured).toEqual(TopicSpecs.filter((spec) => spec.name === Topics.runUpdated));

      const seen: string[] = [];
      hub.listen(Topics.runUpdated, (event) => seen.push(event.tenantId));
      await bus.publish(Topics.runUpdated, [{ key: 'run-1', value: new Uint8Array([1]), headers: { [MessageHeaders.tenantId]: 'acme' } }]);
      const deadline = Date.now() + 5_000;
      while (seen.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(seen).toEqual(['acme']);
    } finally {
      await hub.close();
      await bus.close();
    }
  });
});
