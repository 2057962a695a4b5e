import type { PersonaFact, TranscriptTurn } from '../types';

export interface AgentTurnView {
  turn: TranscriptTurn;
  /** 1-based count of agent replies so far (consecutive agent bubbles are one reply). */
  reply: number;
}

/** A transcript prepared for rule checks. */
export interface TranscriptView {
  turns: TranscriptTurn[];
  agent: AgentTurnView[];
  customer: TranscriptTurn[];
  facts: PersonaFact[];
  endedBy: string;
}

export function viewOf(turns: TranscriptTurn[], facts: PersonaFact[], endedBy = ''): TranscriptView {
  const agent: AgentTurnView[] = [];
  let reply = 0;
  turns.forEach((turn, i) => {
    if (turn.role !== 'AGENT') return;
    if (i === 0 || turns[i - 1].role !== 'AGENT') reply += 1;
    agent.push({ turn, reply });
  });
  return { turns, agent, customer: turns.filter((t) => t.role === 'CUSTOMER'), facts, endedBy };
}

/** How reasoning names a turn: 1-based, as the transcript shows it. */
export const cite = (turn: TranscriptTurn): string => `turn ${turn.index + 1}`;

export function quote(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`;
}
