import { Module } from '@nestjs/common';
import { subgraphGraphQLModule } from '@sim/subgraph';
import { TenantsModule } from './tenants/tenants.module';

@Module({ imports: [subgraphGraphQLModule(), TenantsModule] })
export class AppModule {}
