import { Topics, TopicSpecs } from '@sim/contracts';
import type { ServiceDefinition } from '@sim/subgraph';
import { AppModule } from './app.module';
import { EVALUATION_SCHEMA, EvaluationEntity } from './evaluations/evaluation.entity';
import type { EvaluationsModuleOptions } from './evaluations/evaluations.module';
import { evaluationMigrations } from './migrations';

const topics: string[] = [Topics.simulationCompleted, Topics.evaluationCompleted];

/** The evaluation service with options, e.g. a fake judge in tests: `startService(evaluationServiceWith({ judge }), ...)`. */
export function evaluationServiceWith(options: EvaluationsModuleOptions): ServiceDefinition {
  return {
    name: 'evaluation',
    schema: EVALUATION_SCHEMA,
    defaultPort: 4105,
    entities: [EvaluationEntity],
    migrations: evaluationMigrations,
    topics: TopicSpecs.filter((spec) => topics.includes(spec.name)),
    module: AppModule.forRoot(options),
  };
}

/** The evaluation service: judges finished conversations and serves the verdicts (`TestRunCase.evaluation`). */
export const evaluationService: ServiceDefinition = evaluationServiceWith({});
