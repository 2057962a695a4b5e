import { BadUserInputError, type FieldError } from '@sim/errors';
import { GenerationSources, type GenerationSourceName } from '@sim/llm';

export const MAX_COUNT = 20;
export const DEFAULT_COUNT = 5;
export const MAX_CASES_PER_INTENT = 3;
export const MAX_INTENTS = 50;
export const DEFAULT_LANGUAGE = 'en';

/** Which tickets to generate from (API.md `TicketFilter`), dates as ISO strings so it stores as JSON. */
export interface TicketFilterValue {
  from?: string | null;
  to?: string | null;
  channels?: string[] | null;
  tags?: string[] | null;
  intents?: string[] | null;
  minCsat?: number | null;
  maxCsat?: number | null;
}

/** A validated `GenerateTestCasesInput`, stored as the job's `request`; only the source's own fields are kept. */
export type GenerationJobRequest =
  | { source: 'KNOWLEDGE_SOURCE'; knowledgeCollectionId: string; count: number; language: string }
  | { source: 'PURCHASE_AI'; paiCollectionId: string; count: number; language: string }
  | { source: 'INTENTS'; intentIds: string[]; casesPerIntent: number; language: string }
  | { source: 'HISTORICAL_TICKETS'; ticketFilter: TicketFilterValue; count: number; language: string };

/** What the GraphQL input carries; every field optional so the checks below name what is missing. */
export interface GenerateTestCasesInputValue {
  source?: string | null;
  knowledgeCollectionId?: string | null;
  paiCollectionId?: string | null;
  intentIds?: string[] | null;
  casesPerIntent?: number | null;
  ticketFilter?: { from?: Date | null; to?: Date | null; channels?: string[] | null; tags?: string[] | null; intents?: string[] | null; minCsat?: number | null; maxCsat?: number | null } | null;
  language?: string | null;
  count?: number | null;
}

/** How many cases a request asks for: the count, or intents x cases per intent. */
export function requestedCount(request: GenerationJobRequest): number {
  return request.source === 'INTENTS' ? request.intentIds.length * request.casesPerIntent : request.count;
}

/**
 * Checks the input's shape and limits, reporting every problem with its field. Whether the
 * collection, intents or tickets exist and hold anything is checked against the database
 * afterwards.
 */
export function validateGenerationInput(input: GenerateTestCasesInputValue): GenerationJobRequest {
  const errors: FieldError[] = [];
  const source = input.source ?? null;
  if (!source) errors.push({ field: 'source', message: `source is required (one of ${GenerationSources.join(', ')})` });
  else if (!(GenerationSources as readonly string[]).includes(source)) errors.push({ field: 'source', message: `must be one of ${GenerationSources.join(', ')}` });
  const language = readLanguage(input.language, errors);
  const requiredId = (field: 'knowledgeCollectionId' | 'paiCollectionId', what: string) => {
    const value = input[field]?.trim();
    if (!value) errors.push({ field, message: `${field} is required to generate from ${what}` });
    return value ?? '';
  };

  let request: GenerationJobRequest | null = null;
  switch (source as GenerationSourceName) {
    case 'KNOWLEDGE_SOURCE':
      request = { source: 'KNOWLEDGE_SOURCE', knowledgeCollectionId: requiredId('knowledgeCollectionId', 'a knowledge source'), count: readCount(input.count, errors), language };
      break;
    case 'PURCHASE_AI':
      request = { source: 'PURCHASE_AI', paiCollectionId: requiredId('paiCollectionId', 'Purchase AI sources'), count: readCount(input.count, errors), language };
      break;
    case 'INTENTS':
      request = { source: 'INTENTS', intentIds: readIntentIds(input.intentIds, errors), casesPerIntent: readCasesPerIntent(input.casesPerIntent, errors), language };
      break;
    case 'HISTORICAL_TICKETS':
      request = { source: 'HISTORICAL_TICKETS', ticketFilter: readTicketFilter(input.ticketFilter, errors), count: readCount(input.count, errors), language };
      break;
  }
  if (errors.length > 0 || !request) throw new BadUserInputError(errors);
  return request;
}

function readCount(value: number | null | undefined, errors: FieldError[]): number {
  if (value === null || value === undefined) return DEFAULT_COUNT;
  if (!Number.isInteger(value) || value < 1 || value > MAX_COUNT) errors.push({ field: 'count', message: `must be between 1 and ${MAX_COUNT} (got ${value})` });
  return value;
}

function readCasesPerIntent(value: number | null | undefined, errors: FieldError[]): number {
  if (value === null || value === undefined) {
    errors.push({ field: 'casesPerIntent', message: `casesPerIntent is required to generate from intents (1 to ${MAX_CASES_PER_INTENT})` });
    return 0;
  }
  if (!Number.isInteger(value) || value < 1 || value > MAX_CASES_PER_INTENT) {
    errors.push({ field: 'casesPerIntent', message: `must be between 1 and ${MAX_CASES_PER_INTENT} (got ${value})` });
  }
  return value;
}

function readIntentIds(value: string[] | null | undefined, errors: FieldError[]): string[] {
  const ids = [...new Set((value ?? []).map((id) => id.trim()).filter(Boolean))];
  if (ids.length === 0) errors.push({ field: 'intentIds', message: 'intentIds needs at least one intent to generate from intents' });
  else if (ids.length > MAX_INTENTS) errors.push({ field: 'intentIds', message: `at most ${MAX_INTENTS} intents (got ${ids.length})` });
  return ids;
}

function readLanguage(value: string | null | undefined, errors: FieldError[]): string {
  const text = value?.trim();
  if (!text) return DEFAULT_LANGUAGE;
  try {
    const [canonical] = Intl.getCanonicalLocales(text);
    if (canonical) return canonical;
  } catch {
    // reported below
  }
  errors.push({ field: 'language', message: `"${text}" is not a BCP 47 language tag (e.g. en, de-DE, pt-BR)` });
  return DEFAULT_LANGUAGE;
}

function readTicketFilter(value: GenerateTestCasesInputValue['ticketFilter'], errors: FieldError[]): TicketFilterValue {
  if (!value) return {};
  const csat = (field: 'minCsat' | 'maxCsat') => {
    const v = value[field];
    if (v === null || v === undefined) return null;
    if (!Number.isInteger(v) || v < 1 || v > 5) errors.push({ field: `ticketFilter.${field}`, message: `must be between 1 and 5 (got ${v})` });
    return v;
  };
  const date = (field: 'from' | 'to') => {
    const v = value[field];
    if (!v) return null;
    if (Number.isNaN(v.getTime())) {
      errors.push({ field: `ticketFilter.${field}`, message: 'is not a valid date' });
      return null;
    }
    return v.toISOString();
  };
  const list = (v: string[] | null | undefined) => (v?.length ? v.map((s) => s.trim()).filter(Boolean) : null);
  const filter: TicketFilterValue = {
    from: date('from'),
    to: date('to'),
    channels: list(value.channels),
    tags: list(value.tags),
    intents: list(value.intents),
    minCsat: csat('minCsat'),
    maxCsat: csat('maxCsat'),
  };
  if (filter.minCsat && filter.maxCsat && filter.minCsat > filter.maxCsat) errors.push({ field: 'ticketFilter.minCsat', message: 'must not be greater than maxCsat' });
  if (filter.from && filter.to && filter.from > filter.to) errors.push({ field: 'ticketFilter.from', message: 'must not be after ticketFilter.to' });
  return filter;
}

/** The stored filter as the sources reader takes it. */
export function ticketQueryOf(filter: TicketFilterValue) {
  return {
    from: filter.from ? new Date(filter.from) : null,
    to: filter.to ? new Date(filter.to) : null,
    channels: filter.channels ?? null,
    tags: filter.tags ?? null,
    intents: filter.intents ?? null,
    minCsat: filter.minCsat ?? null,
    maxCsat: filter.maxCsat ?? null,
  };
}
