import { Module, type DynamicModule } from '@nestjs/common';
import { serviceStatusResolver, subgraphGraphQLModule } from '@sim/subgraph';
import { RunCaseEvaluationRef } from './evaluations/dto/evaluation.model';
import { EvaluationsModule, type EvaluationsModuleOptions } from './evaluations/evaluations.module';

// Declared once: every call declares a new `ServiceStatus` GraphQL type.
const EvaluationStatusResolver = serviceStatusResolver('evaluationStatus', 'evaluation');

/** The judge and its verdicts. `forRoot()` with no options is what the service runs; tests pass a fake judge. */
@Module({})
export class AppModule {
  static forRoot(options: EvaluationsModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      // TestRunCase is reachable from no query of this subgraph: only through the gateway's entity lookups.
      imports: [subgraphGraphQLModule({ orphanedTypes: [RunCaseEvaluationRef] }), EvaluationsModule.forRoot(options)],
      providers: [EvaluationStatusResolver],
    };
  }
}
