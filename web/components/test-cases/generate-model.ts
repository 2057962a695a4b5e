/** The Generate with AI form: its values per source, the limits it enforces, and the API input. */
export const MAX_GENERATED = 20;
export const MAX_CASES_PER_INTENT = 3;
export const DEFAULT_COUNT = 5;

export type GenerationSourceKind = 'KNOWLEDGE_SOURCE' | 'PURCHASE_AI' | 'INTENTS' | 'HISTORICAL_TICKETS';

export const SOURCES: { kind: GenerationSourceKind; title: string; description: string }[] = [
  { kind: 'KNOWLEDGE_SOURCE', title: 'Knowledge Source', description: 'From your knowledge base: help-centre articles and policies.' },
  { kind: 'PURCHASE_AI', title: 'Purchase AI Sources', description: 'From your connected data: products and orders.' },
  { kind: 'INTENTS', title: 'Intents', description: 'From the intents you have defined.' },
  { kind: 'HISTORICAL_TICKETS', title: 'Historical Tickets', description: 'From real past conversations.' },
];

export interface TicketFilterValues {
  from: string;
  to: string;
  channels: string[];
  tags: string[];
  intents: string[];
  minCsat: string;
  maxCsat: string;
}

export interface GenerateValues {
  source: GenerationSourceKind;
  knowledgeCollectionId: string;
  paiCollectionId: string;
  intentIds: string[];
  casesPerIntent: string;
  tickets: TicketFilterValues;
  language: string;
  count: string;
}

export type GenerateErrors = Partial<Record<'knowledgeCollectionId' | 'paiCollectionId' | 'intentIds' | 'casesPerIntent' | 'count' | 'language' | 'ticketFilter', string>>;

export function initialGenerateValues(): GenerateValues {
  return {
    source: 'KNOWLEDGE_SOURCE',
    knowledgeCollectionId: '',
    paiCollectionId: '',
    intentIds: [],
    casesPerIntent: '1',
    tickets: { from: '', to: '', channels: [], tags: [], intents: [], minCsat: '', maxCsat: '' },
    language: '',
    count: String(DEFAULT_COUNT),
  };
}

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

export function validateGenerate(values: GenerateValues): GenerateErrors {
  const errors: GenerateErrors = {};
  const checkCount = () => {
    const count = wholeNumber(values.count);
    if (count === null || count < 1 || count > MAX_GENERATED) errors.count = `Number of Test Cases must be a whole number from 1 to ${MAX_GENERATED}.`;
  };
  switch (values.source) {
    case 'KNOWLEDGE_SOURCE':
      if (!values.knowledgeCollectionId) errors.knowledgeCollectionId = 'Choose the Knowledge Source Collection to generate from.';
      checkCount();
      break;
    case 'PURCHASE_AI':
      if (!values.paiCollectionId) errors.paiCollectionId = 'Choose the PAI Collection to generate from.';
      checkCount();
      break;
    case 'INTENTS': {
      if (values.intentIds.length === 0) errors.intentIds = 'Choose at least one intent.';
      const perIntent = wholeNumber(values.casesPerIntent);
      if (perIntent === null || perIntent < 1 || perIntent > MAX_CASES_PER_INTENT) errors.casesPerIntent = `Cases per Intent must be from 1 to ${MAX_CASES_PER_INTENT}.`;
      break;
    }
    case 'HISTORICAL_TICKETS': {
      const { from, to, minCsat, maxCsat } = values.tickets;
      if (from && to && from > to) errors.ticketFilter = 'The "from" date must not be after the "to" date.';
      else if (minCsat && maxCsat && Number(minCsat) > Number(maxCsat)) errors.ticketFilter = 'Minimum CSAT must not be above maximum CSAT.';
      checkCount();
      break;
    }
  }
  return errors;
}

/** How many cases the request asks for (shown before Generate). */
export function requestedCount(values: GenerateValues): number | null {
  if (values.source === 'INTENTS') {
    const perIntent = wholeNumber(values.casesPerIntent);
    return perIntent === null ? null : perIntent * values.intentIds.length;
  }
  return wholeNumber(values.count);
}

export function toGenerateInput(values: GenerateValues) {
  const language = values.language || null;
  switch (values.source) {
    case 'KNOWLEDGE_SOURCE':
      return { source: values.source, knowledgeCollectionId: values.knowledgeCollectionId, count: Number(values.count), language };
    case 'PURCHASE_AI':
      return { source: values.source, paiCollectionId: values.paiCollectionId, count: Number(values.count), language };
    case 'INTENTS':
      return { source: values.source, intentIds: values.intentIds, casesPerIntent: Number(values.casesPerIntent), language };
    case 'HISTORICAL_TICKETS': {
      const t = values.tickets;
      return {
        source: values.source,
        count: Number(values.count),
        language,
        ticketFilter: {
          // Whole days: from the start of the first to the end of the last (UTC).
          ...(t.from ? { from: `${t.from}T00:00:00.000Z` } : {}),
          ...(t.to ? { to: `${t.to}T23:59:59.999Z` } : {}),
          ...(t.channels.length ? { channels: t.channels } : {}),
          ...(t.tags.length ? { tags: t.tags } : {}),
          ...(t.intents.length ? { intents: t.intents } : {}),
          ...(t.minCsat ? { minCsat: Number(t.minCsat) } : {}),
          ...(t.maxCsat ? { maxCsat: Number(t.maxCsat) } : {}),
        },
      };
    }
  }
}

/** Where the service's field errors (`count`, `ticketFilter.minCsat`, ...) go on this form. */
export function placeGenerateField(field: string): string | null {
  if (field.startsWith('ticketFilter')) return 'ticketFilter';
  return ['knowledgeCollectionId', 'paiCollectionId', 'intentIds', 'casesPerIntent', 'count', 'language'].includes(field) ? field : null;
}
