import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PermanentMessageError, type MessageBus, type SubscribeOptions, type Subscription } from '@sim/bus';
import { ContractError, decode, type Topic, type TopicMessage } from '@sim/contracts';
import { tagCurrentWork } from '@sim/observability';

/** A provider that joins its consumer groups once the app is up and leaves them on shutdown. */
export abstract class BusConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private subscriptions: Subscription[] = [];

  protected constructor(private readonly bus: MessageBus) {}

  protected abstract consumers(): SubscribeOptions[];

  async onApplicationBootstrap(): Promise<void> {
    for (const options of this.consumers()) this.subscriptions.push(await this.bus.subscribe(options));
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subscriptions.map((s) => s.close()));
  }
}

/** Decodes a payload; one that is not a valid message of the topic can never be handled, so it is dead-lettered at once. */
export function decodeOrDeadLetter<T extends Topic>(topic: T, bytes: Uint8Array): TopicMessage<T> {
  try {
    const decoded = decode(topic, bytes);
    tagCurrentWork(decoded); // logs and the span name the run and run case from here on
    return decoded;
  } catch (error) {
    if (error instanceof ContractError) throw new PermanentMessageError(error.message);
    throw error;
  }
}
