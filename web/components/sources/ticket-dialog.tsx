'use client';

import { formatDateTime } from '../../lib/format';
import { Dialog } from '../ui/dialog';
import type { TicketRow } from './tickets-tab';

/** One past conversation, turn by turn, as stored: personal data already redacted. Open while `ticket` is set. */
export function TicketDialog({ ticket, onClose }: { ticket: TicketRow | null; onClose(): void }) {
  return (
    <Dialog open={!!ticket} title={ticket ? `Ticket ${ticket.externalId}` : 'Ticket'} variant="drawer" wide onClose={onClose}>
      {ticket && (
        <>
          <dl className="details-list">
            <dt>Channel</dt>
            <dd>{ticket.channel}</dd>
            <dt>Created</dt>
            <dd>{formatDateTime(ticket.createdAt)}</dd>
            <dt>Intent</dt>
            <dd>{ticket.intent ?? '—'}</dd>
            <dt>CSAT</dt>
            <dd>{ticket.csat === null || ticket.csat === undefined ? 'Not rated' : `${ticket.csat} / 5`}</dd>
            <dt>Tags</dt>
            <dd>{ticket.tags.length ? ticket.tags.join(', ') : 'None'}</dd>
            <dt>Resolution</dt>
            <dd>{ticket.resolution ?? '—'}</dd>
            <dt>Imported</dt>
            <dd>{formatDateTime(ticket.importedAt)}</dd>
          </dl>
          <h3 className="su-transcript-heading">Conversation</h3>
          <p className="field-hint">Emails, phone and card numbers were redacted when the ticket was imported.</p>
          <ol className="transcript" aria-label={`Conversation of ticket ${ticket.externalId}`}>
            {ticket.turns.map((turn, i) => (
              <li key={i} className={`turn ${turn.role === 'CUSTOMER' ? 'turn-customer' : 'turn-agent'}`}>
                <span className="turn-meta">{turn.role === 'CUSTOMER' ? 'Customer' : 'Agent'}</span>
                <div>{turn.text}</div>
              </li>
            ))}
          </ol>
        </>
      )}
    </Dialog>
  );
}
