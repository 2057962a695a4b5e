import { Inject, Injectable } from '@nestjs/common';
import { PermanentMessageError } from '@sim/bus';
import { encode, Topics } from '@sim/contracts';
import type { Database, OutboxRelay } from '@sim/persistence';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import { isUuid } from '../widgets/chat-widgets.service';
import { completedMessage, FIRST_STEP, stepMessage } from './conversation-events';
import { startConversationStatement } from './conversation.store';
import type { SimulationRequest } from './request-codec';

/**
 * Handles `simulation.requested`: records the conversation of (run case, attempt) and
 * dispatches its first step, in one statement. A redelivered or older request changes
 * nothing; a higher attempt (the orchestrator re-dispatched the case) starts over. A request
 * for a widget that does not exist (any more) ends the conversation at once: nothing of the
 * run can be simulated.
 */
@Injectable()
export class ConversationStarter {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  async start(request: SimulationRequest): Promise<boolean> {
    if (!isUuid(request.runCaseId)) throw new PermanentMessageError(`run case id "${request.runCaseId}" is not a UUID`);
    const { tenantId, runId, runCaseId, attempt, widgetId } = request;
    const missing = `chat widget ${widgetId} no longer exists`;
    const nothingSpent = { promptTokens: 0, completionTokens: 0, costUsd: 0 };
    const statement = startConversationStatement(
      tenantId,
      { runCaseId, runId, attempt, widgetId, request: encode(Topics.simulationRequested, request) },
      missing,
      stepMessage({ tenantId, runId, runCaseId, attempt }, FIRST_STEP),
      completedMessage(request, { outcome: 'ERROR', endedBy: 'error', error: missing, transcript: [], usage: nothingSpent, runCannotProceed: true }),
    );
    const started = (await this.db.tenantStatement<{ status: string }>(tenantId, statement.sql, statement.params)).length > 0;
    if (started) this.relay.kick();
    return started;
  }
}
