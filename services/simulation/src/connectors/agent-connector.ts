import type { TranscriptTurn } from '@sim/llm';

/** What reaches the agent under test on every turn (ARCHITECTURE.md "Agents under test"). */
export interface AgentTurnRequest {
  /** Stable for the whole conversation: the run-case id. */
  conversationId: string;
  /** 1-based number of the customer message being sent. */
  turn: number;
  message: string;
  /** BCP 47 tag of the conversation. */
  language: string;
  chatUrl: string | null;
  metadata: Record<string, unknown>;
  /** Everything said before this message, for connectors whose agent is stateless (OPENAI, DEMO). */
  history: TranscriptTurn[];
}

export interface AgentReply {
  /** One or more messages; an agent may answer in several bubbles. */
  messages: string[];
  /** The agent handed the customer to a human: the conversation ends. */
  handoff: boolean;
  /** The agent closed the conversation. */
  end: boolean;
}

export interface AgentConnector {
  send(request: AgentTurnRequest, signal?: AbortSignal): Promise<AgentReply>;
}

/** The agent could not be reached or answered nonsense: the case ends as ERROR with this message. */
export class AgentUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentUnavailableError';
  }
}
