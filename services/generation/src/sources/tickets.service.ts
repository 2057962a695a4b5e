import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@sim/auth';
import { BadUserInputError } from '@sim/errors';
import { decodeCursor, encodeCursor, type Database } from '@sim/persistence';
import { DATABASE } from '@sim/subgraph';
import { capErrors, fileError, readImportFile, type ImportError, type ImportFileFormat } from './domain/import-file';
import { checkImportSize, MAX_TICKET_RECORDS, pageSize } from './domain/limits';
import type { TicketQuery } from './domain/ticket-query';
import { validateTicket, type ValidTicket } from './domain/validate-ticket';
import type { TicketEntity } from './entities';
import { TicketRepository } from './ticket.repository';

export interface TicketPage {
  rows: { cursor: string; ticket: TicketEntity }[];
  hasNextPage: boolean;
  endCursor: string | null;
  total: number;
}

/** Historical tickets: imported all or nothing, redacted before they are stored. */
@Injectable()
export class TicketsService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async import(principal: Principal, format: ImportFileFormat, content: string): Promise<{ imported: number; errors: ImportError[] }> {
    const tenantId = principal.tenantId;
    checkImportSize(content);
    const read = readImportFile(format, content, 'tickets');
    if (!read.ok) return { imported: 0, errors: capErrors(read.errors) };
    if (read.records.length > MAX_TICKET_RECORDS) {
      return { imported: 0, errors: [fileError(`the file contains ${read.records.length} tickets; at most ${MAX_TICKET_RECORDS} can be imported at once`)] };
    }
    const errors: ImportError[] = [];
    const valid: { row: number; line: number; ticket: ValidTicket }[] = [];
    const firstRowOf = new Map<string, number>();
    for (const record of read.records) {
      const result = validateTicket(record.value);
      if (!result.ok) {
        errors.push(...result.errors.map((e) => ({ row: record.row, line: record.line, field: e.field, message: e.message })));
        continue;
      }
      const earlier = firstRowOf.get(result.value.externalId);
      if (earlier !== undefined) {
        errors.push({ row: record.row, line: record.line, field: 'externalId', message: `externalId "${result.value.externalId}" repeats row ${earlier}` });
        continue;
      }
      firstRowOf.set(result.value.externalId, record.row);
      valid.push({ row: record.row, line: record.line, ticket: result.value });
    }

    return this.db.withTenant(tenantId, async (manager) => {
      const repo = new TicketRepository(manager, tenantId);
      await repo.takeImportTurn();
      const existing = await repo.existingExternalIds(valid.map((v) => v.ticket.externalId));
      for (const { row, line, ticket } of valid) {
        if (existing.has(ticket.externalId)) {
          errors.push({ row, line, field: 'externalId', message: `a ticket with externalId "${ticket.externalId}" was already imported` });
        }
      }
      if (errors.length) return { imported: 0, errors: capErrors(errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0))) };
      const importedAt = new Date();
      await repo.insertMany(valid.map(({ ticket }) => toEntity(tenantId, ticket, importedAt)));
      return { imported: valid.length, errors: [] };
    });
  }

  async list(principal: Principal, query: TicketQuery, first?: number | null, after?: string | null): Promise<TicketPage> {
    validateQuery(query);
    const size = pageSize(first);
    const cursor = after ? decodeCursor(after) : null;
    if (after && !cursor) throw BadUserInputError.field('after', 'is not a cursor returned by this API');
    const { rows, total } = await this.db.withTenant(principal.tenantId, (manager) => new TicketRepository(manager, principal.tenantId).page(query, size, cursor));
    const page = rows.slice(0, size).map((ticket) => ({ cursor: encodeCursor({ createdAt: ticket.createdAtSource, id: ticket.id }), ticket }));
    return { rows: page, hasNextPage: rows.length > size, endCursor: page.at(-1)?.cursor ?? null, total };
  }

  facets(principal: Principal) {
    return this.db.withTenant(principal.tenantId, (manager) => new TicketRepository(manager, principal.tenantId).facets());
  }
}

/** Also used to check a generation job's ticket filter. */
export function validateQuery(query: TicketQuery, prefix = 'filter'): void {
  for (const key of ['minCsat', 'maxCsat'] as const) {
    const value = query[key];
    if (value != null && (!Number.isInteger(value) || value < 1 || value > 5)) throw BadUserInputError.field(`${prefix}.${key}`, 'must be from 1 to 5');
  }
  if (query.minCsat != null && query.maxCsat != null && query.minCsat > query.maxCsat) {
    throw BadUserInputError.field(`${prefix}.minCsat`, 'must not be greater than maxCsat');
  }
  if (query.from && query.to && query.from > query.to) throw BadUserInputError.field(`${prefix}.from`, 'must not be after "to"');
}

function toEntity(tenantId: string, ticket: ValidTicket, importedAt: Date): TicketEntity {
  return {
    id: randomUUID(),
    tenantId,
    externalId: ticket.externalId,
    channel: ticket.channel,
    createdAtSource: ticket.createdAt,
    tags: ticket.tags,
    intent: ticket.intent,
    csat: ticket.csat,
    resolution: ticket.resolution,
    turns: ticket.turns,
    importedAt,
  };
}
