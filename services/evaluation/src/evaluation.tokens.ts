/** Injection tokens of the evaluation service's own providers (the runtime's are in @sim/subgraph). */
export const EVALUATION_CONFIG = Symbol('EvaluationConfig');
/** The `Judge` (@sim/llm) that scores conversations; built from the LLM configuration unless a test supplies one. */
export const JUDGE = Symbol('Judge');
