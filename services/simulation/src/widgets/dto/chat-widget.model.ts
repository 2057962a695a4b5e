import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectorKinds, type ConnectorKind } from '../../connectors/connector-registry';

export const ConnectorKindEnum = Object.fromEntries(ConnectorKinds.map((k) => [k, k])) as Record<ConnectorKind, ConnectorKind>;
registerEnumType(ConnectorKindEnum, {
  name: 'ConnectorKind',
  description: 'How the platform talks to the agent: DEMO (built-in), HTTP (JSON webhook), OPENAI (system prompt + model), RASA (REST channel).',
});

@ObjectType('ChatWidget', { description: 'A named connection to an agent under test. Its secrets are never returned.' })
@Directive('@key(fields: "id")')
export class ChatWidgetModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => ConnectorKindEnum) connector: ConnectorKind;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => String, { nullable: true, description: 'The agent endpoint (HTTP, RASA, OPENAI).' }) url: string | null;
  @Field(() => String, { nullable: true, description: 'OPENAI: the model the agent runs on.' }) model: string | null;
  @Field(() => String, { nullable: true, description: 'OPENAI: the agent\'s system prompt.' }) systemPrompt: string | null;
  @Field(() => Int, { description: 'How long one agent answer may take.' }) timeoutMs: number;
  @Field({ description: 'An API key is stored (sent as a Bearer token; OPENAI: the provider key).' }) hasApiKey: boolean;
  @Field({ description: 'HTTP: a signing secret is stored and every call carries x-sim-signature.' }) hasSigningSecret: boolean;
}

@InputType('ChatWidgetInput')
export class ChatWidgetInputModel {
  @Field() name: string;
  @Field(() => ConnectorKindEnum) connector: ConnectorKind;
  @Field(() => String, { nullable: true, description: 'Required for HTTP, RASA and OPENAI; http(s) only.' }) url?: string | null;
  @Field(() => String, { nullable: true, description: 'Required for OPENAI.' }) model?: string | null;
  @Field(() => String, { nullable: true, description: 'Required for OPENAI.' }) systemPrompt?: string | null;
  @Field(() => String, { nullable: true, description: 'On update: omitted keeps the stored key, "" removes it.' }) apiKey?: string | null;
  @Field(() => String, { nullable: true, description: 'On update: omitted keeps the stored secret, "" removes it.' }) signingSecret?: string | null;
  @Field(() => Int, { nullable: true, description: '100..120000; default 30000.' }) timeoutMs?: number | null;
}

@ObjectType('ChatWidgetTestResult', { description: 'What the agent answered to one test message.' })
export class ChatWidgetTestResultModel {
  @Field() ok: boolean;
  @Field(() => [String]) replies: string[];
  @Field(() => Int) latencyMs: number;
  @Field(() => String, { nullable: true }) error: string | null;
}
