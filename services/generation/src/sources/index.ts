export { SourcesModule } from './sources.module';
export { SourcesReader } from './sources.reader';
export type { KnowledgeChunkView, PaiItemView } from './sources.reader';
export type { TicketQuery } from './domain/ticket-query';
export { validateQuery as validateTicketQuery } from './tickets.service';
export { TicketFilterModel } from './dto/ticket.model';
export { ExportFormat, ImportErrorModel, ImportResultModel, PageInfoModel, TurnRoleEnum } from './dto/shared.model';
export * from './entities';
