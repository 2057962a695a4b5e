import { Inject, Injectable } from '@nestjs/common';
import { PermanentMessageError } from '@sim/bus';
import { encode, Topics } from '@sim/contracts';
import type { Database, OutboxRelay } from '@sim/persistence';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import { SIMULATION_CONFIG } from '../simulation.tokens';
import type { SimulationConfig } from '../simulation.config';
import { ChatWidgetEntity } from '../widgets/chat-widget.entity';
import { isUuid } from '../widgets/chat-widgets.service';
import { enqueueCompleted, enqueueStep } from './conversation-events';
import { ConversationStore } from './conversation.store';
import type { SimulationRequest } from './request-codec';

/**
 * Handles `simulation.requested`: records the conversation of (run case, attempt) and
 * dispatches its first step, in one transaction. A redelivered or older request changes
 * nothing; a higher attempt (the orchestrator re-dispatched the case) starts over.
 */
@Injectable()
export class ConversationStarter {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(SIMULATION_CONFIG) private readonly config: SimulationConfig,
  ) {}

  async start(request: SimulationRequest): Promise<boolean> {
    if (!isUuid(request.runCaseId)) throw new PermanentMessageError(`run case id "${request.runCaseId}" is not a UUID`);
    const { tenantId, runId, runCaseId, attempt, widgetId } = request;
    const started = await this.db.withTenant(tenantId, async (manager) => {
      const widgetExists = isUuid(widgetId) && (await manager.existsBy(ChatWidgetEntity, { id: widgetId, tenantId }));
      const missing = widgetExists ? null : `chat widget ${widgetId} no longer exists`;
      const store = new ConversationStore(manager, tenantId);
      const fresh = await store.startAttempt({
        tenantId,
        runCaseId,
        runId,
        attempt,
        widgetId,
        request: requestBytes(request),
        status: missing ? 'ERROR' : 'ACTIVE',
        endedBy: missing ? 'error' : null,
        error: missing,
      });
      if (!fresh) return false;
      if (missing) {
        const usage = { promptTokens: 0, completionTokens: 0, costUsd: 0 };
        await enqueueCompleted(manager, request, { outcome: 'ERROR', endedBy: 'error', error: missing, transcript: [], usage, runCannotProceed: true });
      } else {
        await enqueueStep(manager, { tenantId, runId, runCaseId, attempt }, 1);
      }
      return true;
    });
    if (started) this.relay.kick();
    return started;
  }
}

/** The request is stored as the message itself: the steps decode it back with the same contract. */
function requestBytes(request: SimulationRequest): Uint8Array {
  return encode(Topics.simulationRequested, request);
}
