import { Module } from '@nestjs/common';
import { IntentsResolver } from './intents.resolver';
import { IntentsService } from './intents.service';
import { KnowledgeResolver } from './knowledge.resolver';
import { KnowledgeService } from './knowledge.service';
import { PaiResolver } from './pai.resolver';
import { PaiService } from './pai.service';
import { SourcesReader } from './sources.reader';
import { TicketsResolver } from './tickets.resolver';
import { TicketsService } from './tickets.service';

/** Knowledge, Purchase AI, intent and ticket sources: their GraphQL API and the reader generation jobs use. */
@Module({
  providers: [
    KnowledgeService,
    KnowledgeResolver,
    PaiService,
    PaiResolver,
    IntentsService,
    IntentsResolver,
    TicketsService,
    TicketsResolver,
    SourcesReader,
  ],
  exports: [SourcesReader],
})
export class SourcesModule {}
