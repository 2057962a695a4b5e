import { Module } from '@nestjs/common';
import { GeneratedCasesConsumer } from './generated-cases.consumer';
import { GenerationJobCasesResolver } from './generation-job-cases.resolver';

/** Stores the test cases generation jobs produce (topic `testcases.generated`). */
@Module({ providers: [GeneratedCasesConsumer, GenerationJobCasesResolver] })
export class GeneratedCasesModule {}
