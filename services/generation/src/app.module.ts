import { Module } from '@nestjs/common';
import { serviceStatusResolver, subgraphGraphQLModule } from '@sim/subgraph';

@Module({ imports: [subgraphGraphQLModule()], providers: [serviceStatusResolver('generationStatus', 'generation')] })
export class AppModule {}
