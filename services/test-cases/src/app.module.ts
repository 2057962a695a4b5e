import { Module } from '@nestjs/common';
import { subgraphGraphQLModule } from '@sim/subgraph';
import { TestCasesModule } from './test-cases/test-cases.module';

@Module({ imports: [subgraphGraphQLModule(), TestCasesModule] })
export class AppModule {}
