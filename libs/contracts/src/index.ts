// Generated from proto/simulations/v1 by `npm run proto:generate`: schemas (`XxxSchema`),
// message types and enums of every Kafka message.
export * from './gen/simulations/v1/chat_widgets_pb';
export * from './gen/simulations/v1/evaluation_pb';
export * from './gen/simulations/v1/generation_pb';
export * from './gen/simulations/v1/runs_pb';
export * from './gen/simulations/v1/simulation_pb';
export * from './gen/simulations/v1/tenants_pb';
export * from './gen/simulations/v1/test_cases_pb';
export * from './gen/simulations/v1/usage_pb';

export { isTopic, Topics, TopicSpecs } from './topics';
export type { Topic } from './topics';
export { Codecs, ContractError, decode, encode } from './codec';
export type { TopicMessage, TopicMessageInit, TopicSchema } from './codec';

// The messages' timestamps are google.protobuf.Timestamp; these convert them to and from Date.
export { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
export type { Timestamp } from '@bufbuild/protobuf/wkt';
