import type { Principal } from '@sim/auth';
import { Topics } from '@sim/contracts';

/** A bus message as a subscription entry sees it; only messages of the subscriber's tenant get here. */
export interface SubscriptionEvent {
  tenantId: string;
  key: string;
  value: Uint8Array;
  headers: Readonly<Record<string, string>>;
}

/** The subscription field's arguments, coerced (variables substituted, defaults applied). */
export type SubscriptionArgs = Readonly<Record<string, unknown>>;

/**
 * How one `Subscription` root field is served: which topic wakes it, which events concern the
 * subscriber, and which query field returns the object to push. The gateway re-runs the
 * subscriber's own selection set on that query field, with the subscriber's credentials.
 */
export interface SubscriptionEntry {
  topic: string;
  matches(event: SubscriptionEvent, args: SubscriptionArgs, principal: Principal): boolean;
  query: {
    /** A field of the `Query` type returning the same type as the subscription field. */
    field: string;
    /** The query field's arguments, from the subscription field's. */
    args(args: SubscriptionArgs): Record<string, unknown>;
  };
}

/** Subscription root field name -> how it is served. */
export type SubscriptionRegistry = Readonly<Record<string, SubscriptionEntry>>;

/** Topics the default entries listen to. */
export const SubscriptionTopics = {
  runUpdated: Topics.runUpdated,
  generationUpdated: Topics.generationUpdated,
} as const;

/** The subscriptions of API.md. `run.updated` is keyed by run id, `generation.updated` by job id. */
export const defaultSubscriptionRegistry: SubscriptionRegistry = {
  testRunUpdated: {
    topic: SubscriptionTopics.runUpdated,
    matches: (event, args) => event.key === args['id'],
    query: { field: 'testRun', args: (args) => ({ id: args['id'] }) },
  },
  lastRunUpdated: {
    topic: SubscriptionTopics.runUpdated,
    matches: () => true,
    query: { field: 'lastRun', args: () => ({}) },
  },
  generationJobUpdated: {
    topic: SubscriptionTopics.generationUpdated,
    matches: (event, args) => event.key === args['id'],
    query: { field: 'generationJob', args: (args) => ({ id: args['id'] }) },
  },
};

export function registryTopics(registry: SubscriptionRegistry): string[] {
  return [...new Set(Object.values(registry).map((entry) => entry.topic))];
}
