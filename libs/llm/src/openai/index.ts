export { LlmClient, type LlmClientOptions, type LlmRole, type CompletionRequest, type StructuredRequest, type CallOptions, type CompletionResult, type StructuredResult } from './llm-client';
export { chatCompletion } from './chat-completion';
export { AdaptiveLimiter } from './adaptive-limiter';
export { TenantBudgets } from './tenant-budget';
export { retryAfterFromHeaders } from './retry-policy';
export type { JsonSchema } from './json-schema';
export { OpenAISimulatedCustomer, CUSTOMER_PROMPT_VERSION, CUSTOMER_SCHEMA_NAME } from './openai-customer';
export { OpenAIJudge, JUDGE_PROMPT_VERSION, JUDGE_SCHEMA_NAME } from './openai-judge';
export { PAYLOAD_OPEN, PAYLOAD_CLOSE, parsePayload, payloadTranscript, type ConversationPayload } from './conversation-payload';
