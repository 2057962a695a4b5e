import { Module } from '@nestjs/common';
import { subgraphGraphQLModule } from '@sim/subgraph';
import { GeneratedCasesModule } from './generated/generated-cases.module';
import { GenerationJobCasesRef } from './generated/generation-job-cases.resolver';
import { TestCasesModule } from './test-cases/test-cases.module';

@Module({ imports: [subgraphGraphQLModule({ orphanedTypes: [GenerationJobCasesRef] }), TestCasesModule, GeneratedCasesModule] })
export class AppModule {}
