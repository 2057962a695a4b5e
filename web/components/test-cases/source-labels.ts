/** How a test case came to be, in words (TestCaseSourceKind). */
export const SOURCE_LABELS: Record<string, string> = {
  MANUAL: 'Manual',
  KNOWLEDGE_SOURCE: 'Knowledge Source',
  PURCHASE_AI: 'Purchase AI',
  INTENTS: 'Intents',
  HISTORICAL_TICKETS: 'Historical Tickets',
  IMPORT: 'Import',
};

export function sourceLabel(kind: string): string {
  return SOURCE_LABELS[kind] ?? kind;
}
