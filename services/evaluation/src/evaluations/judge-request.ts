import { PermanentMessageError } from '@sim/bus';
import { TurnRole, type TopicMessage } from '@sim/contracts';
import type { JudgeRequest, TranscriptRole } from '@sim/llm';

/** A conversation held without a language was held in English (PRODUCT.md). */
export const DEFAULT_LANGUAGE = 'en';

const roles: Partial<Record<TurnRole, TranscriptRole>> = { [TurnRole.CUSTOMER]: 'CUSTOMER', [TurnRole.AGENT]: 'AGENT' };

/**
 * What the judge needs, taken from the completion message alone (it carries the case as it
 * was simulated and the whole transcript), so evaluation never calls another service.
 * A message no judge could read is a producer bug: it is dead-lettered, and the
 * orchestrator ends the case with the reason.
 */
export function toJudgeRequest(completed: TopicMessage<'simulation.completed'>): JudgeRequest {
  const testCase = completed.testCase;
  if (!testCase) throw new PermanentMessageError(`simulation.completed for run case ${completed.runCaseId} carries no test case`);
  const transcript = [...completed.transcript]
    .sort((a, b) => a.index - b.index)
    .map((turn) => {
      const role = roles[turn.role];
      if (!role) throw new PermanentMessageError(`turn ${turn.index} of run case ${completed.runCaseId} has no role`);
      return { index: turn.index, role, text: turn.text };
    });
  return {
    testCase: {
      name: testCase.name,
      toneOfVoice: testCase.toneOfVoice,
      behaviour: testCase.behaviour,
      personaFacts: testCase.personaFacts.map((fact) => ({ name: fact.name, value: fact.value })),
      successCriteria: testCase.successCriteria,
      agentCriteria: testCase.agentCriteria ?? null,
      language: completed.language || testCase.language || DEFAULT_LANGUAGE,
    },
    transcript,
    endedBy: completed.endedBy,
  };
}
