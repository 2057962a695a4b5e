import { setMaxListeners } from 'node:events';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { decode, timestampDate, Topics } from '@sim/contracts';
import { LlmError, noUsage, type CustomerTurn, type SimulatedCustomer, type TokenUsage, type TranscriptTurn } from '@sim/llm';
import type { Database, OutboxRelay } from '@sim/persistence';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import { AgentUnavailableError, type AgentConnector, type AgentReply, type AgentTurnRequest } from '../connectors/agent-connector';
import { createAgentConnector, type ConnectorDependencies, type WidgetConnection } from '../connectors/connector-registry';
import type { SimulationConfig } from '../simulation.config';
import { CONNECTOR_DEPENDENCIES, SIMULATED_CUSTOMER, SIMULATION_CONFIG } from '../simulation.tokens';
import { ChatWidgetsService } from '../widgets/chat-widgets.service';
import { ConcurrencyLimit } from './concurrency-limit';
import { completedMessage, stepMessage, turnMessage, type ConversationKey, type SpokenTurn } from './conversation-events';
import { claimedStep, claimStepStatement, ConversationStore, recordStepStatement, type ClaimedRow, type UsageTotals } from './conversation.store';
import { caseSpecOf, DEFAULT_LANGUAGE, maxTurnsOf, metadataOf, type SimulationRequest } from './request-codec';

export interface StepMessage extends ConversationKey {
  step: number;
}

interface Ending {
  status: 'COMPLETED' | 'ERROR';
  endedBy: string;
  error: string | null;
  runCannotProceed?: boolean;
}

/** What one step produced: the turns said, what the simulated customer cost, and whether it ended. */
interface StepResult {
  turns: SpokenTurn[];
  usage: TokenUsage;
  ending: Ending | null;
}

/** One quick second try covers a dropped connection or a restarting agent. */
const AGENT_RETRY_DELAY_MS = 500;

/**
 * Handles `simulation.step`: one exchange of a conversation (the simulated customer speaks,
 * the agent answers) per message, so no handler holds a message for a whole conversation.
 *
 * The bus handler only waits for a free step slot and claims the step (a lease in the
 * conversation row); the slow part (LLM and agent) then runs in the background, outside any
 * transaction, and the message is acknowledged at once. Holding the message for the
 * exchange would hold up the consumer's whole fetch round behind the slowest model call
 * (kafkajs fetches again only when every partition's batch is done). A worker that dies
 * mid-exchange leaves an expired lease, and the sweeper issues the step again.
 *
 * The result is written in one transaction that only applies if the conversation is still
 * at this step, so a redelivered message, or a step the sweeper re-issued while the first
 * worker was still busy, writes nothing twice.
 */
@Injectable()
export class ConversationSteps {
  private readonly logger = new Logger('simulation');
  private readonly limit: ConcurrencyLimit;
  /** Shared by every call in flight, hence no listener limit. */
  private readonly shutdown = unlimitedAbortController();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(SIMULATION_CONFIG) private readonly config: SimulationConfig,
    @Inject(SIMULATED_CUSTOMER) private readonly customer: SimulatedCustomer,
    @Inject(CONNECTOR_DEPENDENCIES) private readonly connectorDeps: ConnectorDependencies,
    private readonly widgets: ChatWidgetsService,
  ) {
    this.limit = new ConcurrencyLimit(config.maxConcurrentSteps);
  }

  private readonly inFlight = new Set<Promise<void>>();

  /** Aborts model and agent calls in flight and waits for them: their steps stay unrecorded and are issued again. */
  async stop(): Promise<void> {
    this.shutdown.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Claims the step and starts its exchange; resolves once it is under way (true) or the
   * message was stale and dropped (false). `exchanged` resolves when the step is recorded.
   */
  async run(message: StepMessage): Promise<{ started: boolean; exchanged: Promise<void> }> {
    const slot = await this.limit.acquire();
    let claimed: Awaited<ReturnType<ConversationSteps['claim']>>;
    try {
      claimed = await this.claim(message);
    } catch (error) {
      slot.release();
      throw error;
    }
    if (!claimed) {
      slot.release();
      return { started: false, exchanged: Promise.resolve() };
    }
    const exchanged = this.exchangeAndRecord(message, claimed).finally(() => slot.release());
    this.inFlight.add(exchanged);
    void exchanged.finally(() => this.inFlight.delete(exchanged));
    return { started: true, exchanged };
  }

  private async exchangeAndRecord(message: StepMessage, claimed: NonNullable<Awaited<ReturnType<ConversationSteps['claim']>>>): Promise<void> {
    const { request, turns, widget, usage } = claimed;
    const history = turns.map((t): SpokenTurn => ({ index: t.index, role: t.role, text: t.text, at: t.at }));
    let result: StepResult;
    try {
      if (request.deadline && timestampDate(request.deadline).getTime() < Date.now()) {
        result = { turns: [], usage: noUsage(), ending: { status: 'ERROR', endedBy: 'deadline', error: 'deadline passed' } };
      } else if ('error' in widget) {
        result = { turns: [], usage: noUsage(), ending: { status: 'ERROR', endedBy: 'error', error: widget.error, runCannotProceed: widget.gone } };
      } else {
        result = await this.exchange(message, request, history, widget.connection);
      }
    } catch (error) {
      if (this.shutdown.signal.aborted) {
        // Stopping: hand the step back now, so the sweeper (of a worker still running) issues it
        // again on its next pass instead of after the lease runs out.
        await this.releaseLease(message).catch(() => undefined);
        return;
      }
      if (error instanceof LlmError && !error.retryable) {
        // A retry cannot fix a refused request (bad key, unknown model): the case ends with the reason.
        result = { turns: [], usage: noUsage(), ending: { status: 'ERROR', endedBy: 'error', error: `simulated customer failed: ${error.message}` } };
      } else {
        // The LLM library has already retried: hand the step to the sweeper, which issues it
        // again a few times before ending the case as ERROR.
        this.logger.warn(`step ${message.step} of ${message.runCaseId} failed, releasing it for another try: ${(error as Error).message}`);
        await this.releaseLease(message).catch(() => undefined);
        return;
      }
    }
    try {
      await this.record(message, request, history, usage, result);
    } catch (error) {
      this.logger.error(`step ${message.step} of ${message.runCaseId} could not be recorded: ${(error as Error).message}`);
    }
  }

  /** Ends the lease now, so the sweeper issues the step again on its next pass. */
  private releaseLease(message: StepMessage): Promise<void> {
    return this.db.withTenant(message.tenantId, async (manager) => {
      await manager.query(
        `UPDATE conversation SET lease_expires_at = now() WHERE run_case_id = $1 AND tenant_id = $2 AND attempt = $3 AND next_step = $4 AND status = 'ACTIVE'`,
        [message.runCaseId, message.tenantId, message.attempt, message.step],
      );
    });
  }

  /**
   * Ends a conversation whose current step keeps dying (the sweeper gave up re-issuing it),
   * so that its case ends as ERROR instead of being retried until its deadline.
   */
  async abandon(key: StepMessage, reason: string): Promise<boolean> {
    const loaded = await this.db.withTenant(key.tenantId, async (manager) => {
      const store = new ConversationStore(manager, key.tenantId);
      const current = await store.find(key.runCaseId);
      if (!current || current.status !== 'ACTIVE' || current.attempt !== key.attempt || current.nextStep !== key.step) return null;
      const usage: UsageTotals = { promptTokens: current.promptTokens, completionTokens: current.completionTokens, costUsd: current.costUsd };
      return { request: decode(Topics.simulationRequested, current.request), turns: await store.turns(key.runCaseId, key.attempt), usage };
    });
    if (!loaded) return false;
    const history = loaded.turns.map((t): SpokenTurn => ({ index: t.index, role: t.role, text: t.text, at: t.at }));
    return this.record(key, loaded.request, history, loaded.usage, { turns: [], usage: noUsage(), ending: { status: 'ERROR', endedBy: 'error', error: reason } });
  }

  /** Takes the step's lease when the message is the conversation's next step, and loads what the exchange needs. */
  private async claim(message: StepMessage) {
    const statement = claimStepStatement(message.tenantId, message.runCaseId, message.attempt, message.step, this.config.stepLeaseMs);
    const claimed = claimedStep(message.tenantId, await this.db.tenantStatement<ClaimedRow>(message.tenantId, statement.sql, statement.params));
    if (!claimed) return null;
    let widget: { connection: WidgetConnection } | { error: string; gone: boolean };
    try {
      widget = claimed.widget
        ? { connection: this.widgets.connectionOf(claimed.widget) }
        : { error: `chat widget ${claimed.widgetId} no longer exists`, gone: true };
    } catch (error) {
      if (!(error instanceof AgentUnavailableError)) throw error;
      widget = { error: error.message, gone: false };
    }
    return { request: decode(Topics.simulationRequested, claimed.request), turns: claimed.turns, usage: claimed.usage, widget };
  }

  private async exchange(key: StepMessage, request: SimulationRequest, history: SpokenTurn[], widget: WidgetConnection): Promise<StepResult> {
    const maxTurns = maxTurnsOf(request);
    const customerTurns = history.filter((t) => t.role === 'CUSTOMER').length;
    if (customerTurns >= maxTurns) return { turns: [], usage: noUsage(), ending: { status: 'COMPLETED', endedBy: 'max_turns', error: null } };

    const transcript: TranscriptTurn[] = history.map((t) => ({ index: t.index, role: t.role, text: t.text }));
    const next = await this.nextCustomerTurn(request, transcript, maxTurns);
    const said: SpokenTurn[] = [];
    const say = (role: SpokenTurn['role'], text: string) => said.push({ index: history.length + said.length, role, text, at: new Date() });

    if (next.kind === 'end') {
      if (next.text?.trim()) say('CUSTOMER', next.text.trim());
      const endedBy = next.reason === 'handed_off' ? 'handoff' : 'customer';
      return { turns: said, usage: next.usage, ending: { status: 'COMPLETED', endedBy, error: null } };
    }
    say('CUSTOMER', next.text);
    let reply: AgentReply;
    try {
      reply = await this.sendToAgent(createAgentConnector(widget, this.connectorDeps), {
        conversationId: key.runCaseId,
        turn: customerTurns + 1,
        message: next.text,
        language: request.language ?? DEFAULT_LANGUAGE,
        chatUrl: request.chatUrl ?? null,
        metadata: metadataOf(request),
        history: transcript,
      });
    } catch (error) {
      // Stopping: leave the step unrecorded so that it runs again, rather than blame the agent.
      if (this.shutdown.signal.aborted) throw new Error('the simulation service is stopping');
      if (!(error instanceof AgentUnavailableError)) throw error;
      return { turns: said, usage: next.usage, ending: { status: 'ERROR', endedBy: 'error', error: error.message } };
    }
    for (const text of reply.messages) say('AGENT', text);
    const endedBy = reply.handoff ? 'handoff' : reply.end ? 'agent' : customerTurns + 1 >= maxTurns ? 'max_turns' : null;
    return { turns: said, usage: next.usage, ending: endedBy ? { status: 'COMPLETED', endedBy, error: null } : null };
  }

  private async nextCustomerTurn(request: SimulationRequest, transcript: TranscriptTurn[], maxTurns: number): Promise<CustomerTurn> {
    return this.customer.nextTurn({ testCase: caseSpecOf(request), transcript, maxTurns }, { tenantId: request.tenantId, signal: this.shutdown.signal });
  }

  private async sendToAgent(connector: AgentConnector, request: AgentTurnRequest): Promise<AgentReply> {
    const signal = this.shutdown.signal;
    try {
      return await connector.send(request, signal);
    } catch (error) {
      if (!(error instanceof AgentUnavailableError) || signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, AGENT_RETRY_DELAY_MS));
      return connector.send(request, signal);
    }
  }

  /**
   * Writes the step's outcome (one statement), unless another worker already did. `before`
   * is the conversation's usage when the step was claimed: while the step is this worker's
   * to record, nothing else adds to it, so the totals the completion carries are known here.
   */
  private async record(key: StepMessage, request: SimulationRequest, history: SpokenTurn[], before: UsageTotals, result: StepResult): Promise<boolean> {
    const conversation: ConversationKey = { tenantId: key.tenantId, runId: key.runId, runCaseId: key.runCaseId, attempt: key.attempt };
    const { ending } = result;
    const totals: UsageTotals = {
      promptTokens: before.promptTokens + result.usage.promptTokens,
      completionTokens: before.completionTokens + result.usage.completionTokens,
      costUsd: before.costUsd + result.usage.costUsd,
    };
    // The turns, then what comes next.
    const messages = [
      ...result.turns.map((turn) => turnMessage(conversation, turn)),
      ending
        ? completedMessage(request, {
            outcome: ending.status,
            endedBy: ending.endedBy,
            error: ending.error,
            transcript: [...history, ...result.turns],
            usage: totals,
            runCannotProceed: ending.runCannotProceed,
          })
        : stepMessage(conversation, key.step + 1),
    ];
    const statement = recordStepStatement(
      key.tenantId,
      key,
      result.usage,
      ending ? { kind: 'finish', status: ending.status, endedBy: ending.endedBy, error: ending.error } : { kind: 'continue' },
      result.turns.map((t) => ({ index: t.index, role: t.role, text: t.text, at: t.at })),
      messages,
    );
    const [{ recorded: count }] = await this.db.tenantStatement<{ recorded: number }>(key.tenantId, statement.sql, statement.params);
    const recorded = Number(count) > 0;
    if (recorded) this.relay.kick();
    return recorded;
  }
}

function unlimitedAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
