'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { SourceTicketsQuery } from '../../gql/graphql';
import { useAuth } from '../../lib/auth-context';
import { formErrorsOf } from '../../lib/field-errors';
import { errorMessage, formatDateTime } from '../../lib/format';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { ImportDialog } from './import-dialog';
import { Pager, useCursorPages } from './pager';
import { isFiltered, NO_TICKET_FILTER, TicketFilters, ticketFilterOf, type TicketFilterState } from './ticket-filters';
import { TicketDialog } from './ticket-dialog';

const SourceTicketFacetsDocument = graphql(`
  query SourceTicketFacets {
    ticketFacets {
      channels
      tags
      intents
    }
  }
`);

const SourceTicketsDocument = graphql(`
  query SourceTickets($filter: TicketFilter, $first: Int, $after: String) {
    tickets(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          externalId
          channel
          createdAt
          importedAt
          intent
          csat
          tags
          resolution
          turns {
            role
            text
          }
        }
      }
    }
  }
`);

const SourceTicketImportDocument = graphql(`
  mutation SourceTicketImport($format: ExportFormat!, $content: String!) {
    importTickets(format: $format, content: $content) {
      imported
      errors {
        row
        line
        field
        message
      }
    }
  }
`);

export type TicketRow = SourceTicketsQuery['tickets']['edges'][number]['node'];

const PAGE_SIZE = 25;
const FILTER_FIELDS = ['from', 'to', 'minCsat', 'maxCsat'] as const;

const EXAMPLES = {
  JSON: `[
  {
    "externalId": "ZD-1001",
    "channel": "chat",
    "createdAt": "2024-11-24T19:00:00Z",
    "tags": ["order-status"],
    "intent": "Order Status :: Where Is My Order",
    "csat": 4,
    "resolution": "Tracking link sent",
    "turns": [
      { "role": "CUSTOMER", "text": "Where is my order DG-882341?" },
      { "role": "AGENT", "text": "It ships tomorrow; here is your tracking link." }
    ]
  }
]`,
  YAML: `- externalId: ZD-1001
  channel: chat
  createdAt: 2024-11-24T19:00:00Z
  tags: [order-status]
  intent: "Order Status :: Where Is My Order"
  csat: 4
  resolution: Tracking link sent
  turns:
    - role: CUSTOMER
      text: Where is my order DG-882341?
    - role: AGENT
      text: It ships tomorrow; here is your tracking link.`,
  CSV: `externalId,channel,createdAt,tags,intent,csat,resolution,turns
ZD-1001,chat,2024-11-24T19:00:00Z,order-status;late,Order Status :: Where Is My Order,4,Tracking link sent,"[{""role"":""CUSTOMER"",""text"":""Where is my order?""},{""role"":""AGENT"",""text"":""It ships tomorrow.""}]"`,
};

/** Historical Tickets: past support conversations (redacted on import), filtered and paged. */
export function TicketsTab() {
  const { can } = useAuth();
  const canEdit = can('editor');
  const [filterState, setFilterState] = useState<TicketFilterState>(NO_TICKET_FILTER);
  const filter = useMemo(() => ticketFilterOf(filterState), [filterState]);
  const pages = useCursorPages();
  const [facetsResult, refetchFacets] = useQuery({ query: SourceTicketFacetsDocument });
  const [{ data, fetching, error }, refetch] = useQuery({ query: SourceTicketsDocument, variables: { filter, first: PAGE_SIZE, after: pages.after } });
  const [, importTickets] = useMutation(SourceTicketImportDocument);
  const [importing, setImporting] = useState(false);
  const [openings, setOpenings] = useState(0);
  const [lastImport, setLastImport] = useState<number | null>(null);
  const [openTicket, setOpenTicket] = useState<TicketRow | null>(null);

  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchFacets({ requestPolicy: 'network-only' });
  };
  const changeFilter = (next: TicketFilterState) => {
    pages.reset();
    setFilterState(next);
  };
  // A filter the API refuses (min CSAT above max) is shown on the filter it names.
  const filterErrors = formErrorsOf(error, FILTER_FIELDS);
  const facets = facetsResult.data?.ticketFacets ?? { channels: [], tags: [], intents: [] };
  const connection = data?.tickets;
  const tickets = connection?.edges.map((edge) => edge.node) ?? [];

  return (
    <>
      <div className="su-tab-toolbar">
        <p className="muted">Past support conversations. Emails, phone and card numbers are redacted when they are imported.</p>
        {canEdit && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setOpenings((n) => n + 1);
              setImporting(true);
            }}
          >
            Import tickets
          </button>
        )}
      </div>
      {lastImport !== null && (
        <p className="notice su-notice-good" role="status">
          Imported {lastImport} {lastImport === 1 ? 'ticket' : 'tickets'}.
        </p>
      )}
      <TicketFilters value={filterState} facets={facets} errors={filterErrors.fields} onChange={changeFilter} />

      {fetching && !data ? (
        <Loading label="Loading tickets…" />
      ) : error && !data ? (
        Object.keys(filterErrors.fields).length && !filterErrors.other ? (
          <EmptyState title="These filters cannot be applied">
            <p>Correct the filter marked above to see tickets.</p>
          </EmptyState>
        ) : (
          <ErrorState message={errorMessage(error)} onRetry={reload} />
        )
      ) : !connection || connection.totalCount === 0 ? (
        isFiltered(filterState) ? (
          <EmptyState title="No tickets match these filters">
            <button type="button" className="button" onClick={() => changeFilter(NO_TICKET_FILTER)}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="No tickets imported yet">
            <p>{canEdit ? 'Import past conversations from your help desk as JSON, YAML or CSV.' : 'An editor of your organisation can import them.'}</p>
          </EmptyState>
        )
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Tickets</caption>
              <thead>
                <tr>
                  <th scope="col">External ID</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Created</th>
                  <th scope="col">Intent</th>
                  <th scope="col" className="num">
                    CSAT
                  </th>
                  <th scope="col">Tags</th>
                  <th scope="col">Resolution</th>
                </tr>
              </thead>
              <tbody>
                {tickets.map((ticket) => (
                  <tr key={ticket.id} className="clickable" data-testid="ticket-row" onClick={() => setOpenTicket(ticket)}>
                    <td className="su-nowrap">
                      <button
                        type="button"
                        className="button-link"
                        onClick={(event) => {
                          event.stopPropagation();
                          setOpenTicket(ticket);
                        }}
                      >
                        {ticket.externalId}
                      </button>
                    </td>
                    <td data-testid="ticket-channel" className="su-nowrap">
                      {ticket.channel}
                    </td>
                    <td className="su-nowrap">{formatDateTime(ticket.createdAt)}</td>
                    <td>{ticket.intent ?? <span className="muted">—</span>}</td>
                    <td className="num su-nowrap">{ticket.csat === null || ticket.csat === undefined ? <span className="muted">—</span> : `${ticket.csat} / 5`}</td>
                    <td>
                      <span className="su-tag-list">
                        {ticket.tags.map((tag) => (
                          <span key={tag} className="su-tag">
                            {tag}
                          </span>
                        ))}
                      </span>
                    </td>
                    <td className="su-cell-clip">{ticket.resolution ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Tickets"
            pageIndex={pages.pageIndex}
            pageSize={PAGE_SIZE}
            shown={tickets.length}
            total={connection.totalCount}
            hasNext={connection.pageInfo.hasNextPage}
            onPrevious={pages.previous}
            onNext={() => pages.next(connection.pageInfo.endCursor)}
          />
        </>
      )}

      <ImportDialog
        key={openings}
        open={importing}
        title="Import tickets"
        what="tickets"
        examples={EXAMPLES}
        onClose={() => setImporting(false)}
        onImport={async (format, content) => {
          const result = await importTickets({ format, content });
          return { result: result.data?.importTickets, error: result.error };
        }}
        onImported={(count) => {
          setImporting(false);
          setLastImport(count);
          pages.reset();
          reload();
        }}
      />
      <TicketDialog ticket={openTicket} onClose={() => setOpenTicket(null)} />
    </>
  );
}
