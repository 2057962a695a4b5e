import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { createTestCaseGenerator, type TestCaseGenerator } from '@sim/llm';
import { SourcesModule } from '../sources';
import { GenerationJobsResolver } from './generation-jobs.resolver';
import { GenerationJobsService } from './generation-jobs.service';
import { GenerationRequestedConsumer } from './generation-requested.consumer';
import { GENERATION_JOBS_CONFIG, loadGenerationJobsConfig, TEST_CASE_GENERATOR, type GenerationJobsConfig } from './jobs.config';

export interface JobsModuleOptions {
  /** The generator to use instead of the one built from the LLM configuration (tests: a fake). */
  generator?: TestCaseGenerator;
  /** Where the configuration is read from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** Generation jobs: the `generateTestCases` mutation, the `generationJob` query and the worker. */
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions = {}): DynamicModule {
    return {
      module: JobsModule,
      imports: [SourcesModule],
      providers: [
        { provide: GENERATION_JOBS_CONFIG, useFactory: () => loadGenerationJobsConfig(options.env ?? process.env) },
        {
          provide: TEST_CASE_GENERATOR,
          inject: [GENERATION_JOBS_CONFIG],
          useFactory: (config: GenerationJobsConfig): TestCaseGenerator => {
            if (options.generator) return options.generator;
            const generator = createTestCaseGenerator(config);
            new Logger('generation').log(`test-case generator: ${generator.engine}`);
            return generator;
          },
        },
        GenerationJobsService,
        GenerationJobsResolver,
        GenerationRequestedConsumer,
      ],
    };
  }
}
