/** Which tickets to read: every part is optional and they all have to hold (API.md `TicketFilter`). */
export interface TicketQuery {
  from?: Date | null;
  to?: Date | null;
  channels?: string[] | null;
  tags?: string[] | null;
  intents?: string[] | null;
  minCsat?: number | null;
  maxCsat?: number | null;
}
