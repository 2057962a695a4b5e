export { evaluationService, evaluationServiceWith } from './service.definition';
export { evaluationConfigDefinition, loadEvaluationConfig } from './evaluation.config';
export type { EvaluationConfig } from './evaluation.config';
export { EVALUATION_CONFIG, JUDGE } from './evaluation.tokens';
export type { EvaluationsModuleOptions } from './evaluations/evaluations.module';
