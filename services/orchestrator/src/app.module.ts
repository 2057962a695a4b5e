import { Module } from '@nestjs/common';
import { subgraphGraphQLModule } from '@sim/subgraph';
import { TestRunsModule } from './runs/test-runs.module';
import { TenantsModule } from './tenants/tenants.module';

@Module({ imports: [subgraphGraphQLModule(), TenantsModule, TestRunsModule] })
export class AppModule {}
