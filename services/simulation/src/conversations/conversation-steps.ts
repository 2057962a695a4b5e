import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConcurrencyLimit, type MessageBus } from '@sim/bus';
import { decode, timestampDate, Topics } from '@sim/contracts';
import { LlmError, noUsage, type CustomerTurn, type SimulatedCustomer, type TokenUsage, type TranscriptTurn } from '@sim/llm';
import { NoticePublisher, type Database, type OutboxRelay } from '@sim/persistence';
import { inSpan } from '@sim/observability';
import { DATABASE, MESSAGE_BUS, OUTBOX_RELAY } from '@sim/subgraph';
import { AgentUnavailableError, type AgentConnector, type AgentReply, type AgentTurnRequest } from '../connectors/agent-connector';
import { createAgentConnector, type ConnectorDependencies, type WidgetConnection } from '../connectors/connector-registry';
import type { SimulationConfig } from '../simulation.config';
import { CONNECTOR_DEPENDENCIES, SIMULATED_CUSTOMER, SIMULATION_CONFIG } from '../simulation.tokens';
import { ChatWidgetsService } from '../widgets/chat-widgets.service';
import { completedMessage, FIRST_STEP, startedMessage, turnMessage, type ConversationKey, type SpokenTurn } from './conversation-events';
import {
  claimedStep,
  claimStepStatement,
  ConversationStore,
  recordStepStatement,
  widgetOf,
  type ClaimedRow,
  type RecordedRow,
  type StepWidget,
  type UsageTotals,
} from './conversation.store';
import { caseSpecOf, DEFAULT_LANGUAGE, maxTurnsOf, metadataOf, type SimulationRequest } from './request-codec';
import { StopSignals } from './stop-signals';

export interface StepMessage extends ConversationKey {
  step: number;
}

interface Ending {
  status: 'COMPLETED' | 'ERROR';
  endedBy: string;
  error: string | null;
  runCannotProceed?: boolean;
}

/** What a step needs to run: the request, the conversation so far, the widget to talk to, the usage so far. */
interface StepState {
  request: SimulationRequest;
  history: SpokenTurn[];
  widget: { connection: WidgetConnection } | { error: string; gone: boolean };
  usage: UsageTotals;
  /** The simulated customer's next turn, asked for while the step before was being recorded. */
  customerTurn?: PendingCustomerTurn;
}

/** A call to the simulated customer under way; `abort` drops it when its step does not happen. */
interface PendingCustomerTurn {
  turn: Promise<CustomerTurn>;
  abort(): void;
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
 * Handles `simulation.step`: a conversation's exchanges (the simulated customer speaks, the
 * agent answers), one at a time, each under a lease of its own, so no handler holds a
 * message for a whole conversation.
 *
 * The bus handler only waits for a free step slot and claims the step (a lease in the
 * conversation row); the slow part (LLM and agent) then runs in the background, outside any
 * transaction, and the message is acknowledged at once. Holding the message for the
 * exchange would hold up the consumer's whole fetch round behind the slowest model call
 * (kafkajs fetches again only when every partition's batch is done).
 *
 * Each exchange is recorded in one statement that only applies if the conversation is still
 * at this step, so a redelivered message, or a step the sweeper re-issued while the first
 * worker was still busy, writes nothing twice. While the conversation goes on, that
 * statement also takes the next step's lease, and the worker goes on with it in the same
 * slot (ADR 0013): a conversation started is finished before new ones take its slot, and a
 * step costs no message and no claim of its own. A worker that dies mid-conversation leaves
 * an expired lease, and the sweeper issues that step again as a message, for any worker.
 *
 * The simulated customer's next turn is asked for while a step is being recorded (ADR 0022):
 * it needs only the transcript, which the worker holds. If the record finds that the
 * conversation went on without this worker, or was cancelled, that call is aborted and its
 * answer dropped. The agent is only ever sent a turn after the step before it is recorded.
 */
@Injectable()
export class ConversationSteps {
  private readonly logger = new Logger('simulation');
  private readonly limit: ConcurrencyLimit;
  private readonly stopping = new StopSignals();
  /** `simulation.turn`: told after each step committed, not through the outbox (ADR 0020). */
  private readonly turnNotices: NoticePublisher;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(SIMULATION_CONFIG) private readonly config: SimulationConfig,
    @Inject(SIMULATED_CUSTOMER) private readonly customer: SimulatedCustomer,
    @Inject(CONNECTOR_DEPENDENCIES) private readonly connectorDeps: ConnectorDependencies,
    private readonly widgets: ChatWidgetsService,
  ) {
    this.limit = new ConcurrencyLimit(config.maxConcurrentSteps);
    this.turnNotices = new NoticePublisher(bus, {
      onDropped: (count, reason) => this.logger.warn(`${count} simulation.turn notice(s) not published (${reason}); the turns are stored`),
    });
  }

  private readonly inFlight = new Set<Promise<void>>();

  /** Aborts model and agent calls in flight and waits for them: their steps stay unrecorded and are issued again. */
  async stop(): Promise<void> {
    this.stopping.stop();
    await Promise.allSettled([...this.inFlight]);
    await this.turnNotices.flush();
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
    const exchanged = this.converse(message, claimed).finally(() => slot.release());
    this.inFlight.add(exchanged);
    void exchanged.finally(() => this.inFlight.delete(exchanged));
    return { started: true, exchanged };
  }

  /**
   * Runs the claimed step and, while the conversation goes on and its next lease was taken,
   * the steps after it: each in a span of its own, in the trace the first step's message
   * carried, so that one conversation stays one trace.
   */
  private async converse(first: StepMessage, claimed: StepState): Promise<void> {
    const stop = this.stopping.take();
    try {
      let key = first;
      let state: StepState | null = claimed;
      while (state) {
        const current: StepState = state;
        const attributes = { 'sim.run_id': key.runId, 'sim.run_case_id': key.runCaseId, 'sim.step': key.step };
        state = await inSpan('simulation exchange', { attributes }, () => this.exchangeAndRecord(key, current, stop.signal));
        key = { ...key, step: key.step + 1 };
      }
    } finally {
      stop.release();
    }
  }

  /** One exchange and its record; the next step's state when this worker holds its lease now. */
  private async exchangeAndRecord(message: StepMessage, state: StepState, signal: AbortSignal): Promise<StepState | null> {
    const { request, history, widget, usage, customerTurn } = state;
    let result: StepResult;
    try {
      if (request.deadline && timestampDate(request.deadline).getTime() < Date.now()) {
        customerTurn?.abort();
        result = { turns: [], usage: noUsage(), ending: { status: 'ERROR', endedBy: 'deadline', error: 'deadline passed' } };
      } else if ('error' in widget) {
        customerTurn?.abort();
        result = { turns: [], usage: noUsage(), ending: { status: 'ERROR', endedBy: 'error', error: widget.error, runCannotProceed: widget.gone } };
      } else {
        result = await this.exchange(message, request, history, widget.connection, signal, customerTurn);
      }
    } catch (error) {
      if (signal.aborted) {
        // Stopping: hand the step back now, so the sweeper (of a worker still running) issues it
        // again on its next pass instead of after the lease runs out.
        await this.releaseLease(message).catch(() => undefined);
        return null;
      }
      if (error instanceof LlmError && !error.retryable) {
        // A retry cannot fix a refused request (bad key, unknown model): the case ends with the reason.
        result = { turns: [], usage: noUsage(), ending: { status: 'ERROR', endedBy: 'error', error: `simulated customer failed: ${error.message}` } };
      } else {
        // The LLM library has already retried: hand the step to the sweeper, which issues it
        // again a few times before ending the case as ERROR.
        this.logger.warn(`step ${message.step} of ${message.runCaseId} failed, releasing it for another try: ${(error as Error).message}`);
        await this.releaseLease(message).catch(() => undefined);
        return null;
      }
    }
    const said = [...history, ...result.turns];
    // The customer's next turn needs only the transcript: it is asked for while the step is
    // recorded, and dropped if the record finds the conversation gone on without this worker
    // (ADR 0022).
    const next = result.ending ? undefined : this.askCustomer(request, said, signal);
    let recorded: RecordedRow | null;
    try {
      recorded = await this.record(message, request, history, usage, result);
    } catch (error) {
      next?.abort();
      this.logger.error(`step ${message.step} of ${message.runCaseId} could not be recorded: ${(error as Error).message}`);
      return null;
    }
    if (!recorded || !next) {
      next?.abort();
      return null;
    }
    return {
      request,
      history: said,
      widget: this.widgetConnection(request.widgetId, widgetOf(message.tenantId, recorded)),
      usage: addUsage(usage, result.usage),
      customerTurn: next,
    };
  }

  /** Starts the simulated customer's turn after `history`; its own abort, or the worker's, stops it. */
  private askCustomer(request: SimulationRequest, history: SpokenTurn[], signal: AbortSignal): PendingCustomerTurn {
    const dropped = new AbortController();
    const transcript: TranscriptTurn[] = history.map((t) => ({ index: t.index, role: t.role, text: t.text }));
    const turn = this.customer.nextTurn(
      { testCase: caseSpecOf(request), transcript, maxTurns: maxTurnsOf(request) },
      { tenantId: request.tenantId, signal: AbortSignal.any([signal, dropped.signal]) },
    );
    turn.catch(() => undefined); // awaited by the step that uses it; a dropped one fails unobserved
    return { turn, abort: () => dropped.abort(new Error('the step this turn was for did not happen')) };
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
    const recorded = await this.record(key, loaded.request, loaded.turns, loaded.usage, { turns: [], usage: noUsage(), ending: { status: 'ERROR', endedBy: 'error', error: reason } });
    return recorded !== null;
  }

  /** Takes the step's lease when the message is the conversation's next step, and loads what the exchange needs. */
  private async claim(message: StepMessage): Promise<StepState | null> {
    const started = message.step === FIRST_STEP ? startedMessage(message, new Date()) : null;
    const statement = claimStepStatement(message.tenantId, message.runCaseId, message.attempt, message.step, this.config.stepLeaseMs, started);
    const claimed = claimedStep(message.tenantId, await this.db.tenantStatement<ClaimedRow>(message.tenantId, statement.sql, statement.params));
    if (!claimed) return null;
    // The case shows RUNNING now, not after its agent's first answer.
    if (started) this.relay.kick();
    return {
      request: decode(Topics.simulationRequested, claimed.request),
      history: claimed.turns,
      usage: claimed.usage,
      widget: this.widgetConnection(claimed.widgetId, claimed.widget),
    };
  }

  /** The widget as read with the step, ready to talk to; or why the step cannot talk to it. */
  private widgetConnection(widgetId: string, widget: StepWidget): StepState['widget'] {
    if (!widget) return { error: `chat widget ${widgetId} no longer exists`, gone: true };
    try {
      return { connection: this.widgets.connectionOf(widget) };
    } catch (error) {
      if (!(error instanceof AgentUnavailableError)) throw error;
      return { error: error.message, gone: false };
    }
  }

  private async exchange(
    key: StepMessage,
    request: SimulationRequest,
    history: SpokenTurn[],
    widget: WidgetConnection,
    signal: AbortSignal,
    asked?: PendingCustomerTurn,
  ): Promise<StepResult> {
    const maxTurns = maxTurnsOf(request);
    const customerTurns = history.filter((t) => t.role === 'CUSTOMER').length;
    if (customerTurns >= maxTurns) {
      asked?.abort();
      return { turns: [], usage: noUsage(), ending: { status: 'COMPLETED', endedBy: 'max_turns', error: null } };
    }

    const transcript: TranscriptTurn[] = history.map((t) => ({ index: t.index, role: t.role, text: t.text }));
    const next = await (asked ?? this.askCustomer(request, history, signal)).turn;
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
      reply = await this.sendToAgent(createAgentConnector(widget, this.connectorDeps), signal, {
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
      if (signal.aborted) throw new Error('the simulation service is stopping');
      if (!(error instanceof AgentUnavailableError)) throw error;
      return { turns: said, usage: next.usage, ending: { status: 'ERROR', endedBy: 'error', error: error.message } };
    }
    for (const text of reply.messages) say('AGENT', text);
    const endedBy = reply.handoff ? 'handoff' : reply.end ? 'agent' : customerTurns + 1 >= maxTurns ? 'max_turns' : null;
    return { turns: said, usage: next.usage, ending: endedBy ? { status: 'COMPLETED', endedBy, error: null } : null };
  }

  private async sendToAgent(connector: AgentConnector, signal: AbortSignal, request: AgentTurnRequest): Promise<AgentReply> {
    try {
      return await connector.send(request, signal);
    } catch (error) {
      if (!(error instanceof AgentUnavailableError) || signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, AGENT_RETRY_DELAY_MS));
      return connector.send(request, signal);
    }
  }

  /**
   * Writes the step's outcome (one statement), unless another worker already did: null then.
   * `before` is the conversation's usage when the step was claimed: while the step is this
   * worker's to record, nothing else adds to it, so the totals the completion carries are
   * known here. While the conversation goes on, the answer carries the widget, read again.
   */
  private async record(key: StepMessage, request: SimulationRequest, history: SpokenTurn[], before: UsageTotals, result: StepResult): Promise<RecordedRow | null> {
    const conversation: ConversationKey = { tenantId: key.tenantId, runId: key.runId, runCaseId: key.runCaseId, attempt: key.attempt };
    const { ending } = result;
    const messages = ending
      ? [
          completedMessage(request, {
            outcome: ending.status,
            endedBy: ending.endedBy,
            error: ending.error,
            transcript: [...history, ...result.turns],
            usage: addUsage(before, result.usage),
            runCannotProceed: ending.runCannotProceed,
          }),
        ]
      : [];
    const statement = recordStepStatement(
      key.tenantId,
      key,
      result.usage,
      ending ? { kind: 'finish', status: ending.status, endedBy: ending.endedBy, error: ending.error } : { kind: 'continue', leaseMs: this.config.stepLeaseMs },
      result.turns.map((t) => ({ index: t.index, role: t.role, text: t.text, at: t.at })),
      messages,
    );
    const [recorded] = await this.db.tenantStatement<RecordedRow>(key.tenantId, statement.sql, statement.params);
    if (!recorded) return null;
    if (messages.length > 0) this.relay.kick();
    this.turnNotices.publish(result.turns.map((turn) => turnMessage(conversation, turn)));
    return recorded;
  }
}

function addUsage(before: UsageTotals, spent: TokenUsage): UsageTotals {
  return {
    promptTokens: before.promptTokens + spent.promptTokens,
    completionTokens: before.completionTokens + spent.completionTokens,
    costUsd: before.costUsd + spent.costUsd,
  };
}
