import { Module } from '@nestjs/common';
import { serviceStatusResolver, subgraphGraphQLModule } from '@sim/subgraph';
import { JobsModule } from './jobs';
import { SourcesModule } from './sources';

@Module({ imports: [subgraphGraphQLModule(), SourcesModule, JobsModule.forRoot()], providers: [serviceStatusResolver('generationStatus', 'generation')] })
export class AppModule {}
