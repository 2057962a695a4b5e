import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { createLlmEngines, type Judge } from '@sim/llm';
import { loadEvaluationConfig, type EvaluationConfig } from '../evaluation.config';
import { EVALUATION_CONFIG, JUDGE } from '../evaluation.tokens';
import { EvaluationReader } from './evaluation.reader';
import { EvaluationResolver } from './evaluation.resolver';
import { SimulationCompletedConsumer } from './simulation-completed.consumer';

export interface EvaluationsModuleOptions {
  /**
   * The judge to use instead of the one built from the LLM configuration (the offline
   * engine unless LLM_BASE_URL is set). For tests: a counting or failing fake.
   */
  judge?: Judge;
  /** Where the configuration is read from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

@Module({})
export class EvaluationsModule {
  static forRoot(options: EvaluationsModuleOptions = {}): DynamicModule {
    return {
      module: EvaluationsModule,
      providers: [
        { provide: EVALUATION_CONFIG, useFactory: () => loadEvaluationConfig(options.env ?? process.env) },
        {
          provide: JUDGE,
          inject: [EVALUATION_CONFIG],
          useFactory: (config: EvaluationConfig): Judge => {
            if (options.judge) return options.judge;
            const engines = createLlmEngines(config);
            new Logger('evaluation').log(`judge: ${engines.judge.engine} (${engines.mode})`);
            return engines.judge;
          },
        },
        EvaluationReader,
        EvaluationResolver,
        SimulationCompletedConsumer,
      ],
    };
  }
}
