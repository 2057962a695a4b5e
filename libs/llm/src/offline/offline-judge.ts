import { noUsage, scoreBand, type CriterionVerdict, type Judge, type JudgeRequest, type Judgement, type LlmCallContext } from '../types';
import { evaluateCriteria } from './criteria';
import { EMAIL_PATTERN, ORDER_NUMBER_PATTERN } from './patterns';
import { cite, viewOf, type TranscriptView } from './transcript-view';

export const OFFLINE_ENGINE = 'offline-rules/v1';
export const OFFLINE_MODEL = 'offline-rules';
export const OFFLINE_JUDGE_VERSION = 'offline-judge/v1';

/** The highest score a conversation with an unmet criterion can get: it needs attention. */
export const UNMET_CAP = 79;

/**
 * Scores a transcript without a model: every criterion sentence is decided from observable
 * facts (links, dates, durations, keywords, language, handoff, turn counts), with the turns
 * it rests on. Deterministic, so the same conversation always gets the same score.
 */
export class OfflineJudge implements Judge {
  readonly engine = OFFLINE_ENGINE;
  readonly model = OFFLINE_MODEL;
  readonly promptVersion = OFFLINE_JUDGE_VERSION;

  async judge(request: JudgeRequest, _context: LlmCallContext): Promise<Judgement> {
    const view = viewOf(request.transcript, request.testCase.personaFacts, request.endedBy);
    const criteria = evaluateCriteria(
      [
        { text: request.testCase.successCriteria, kind: 'USER' },
        { text: request.testCase.agentCriteria, kind: 'AGENT' },
      ],
      view,
    );
    const score = overallScore(criteria);
    const band = scoreBand(score);
    return {
      score,
      band,
      summary: summarise(score, band, criteria),
      criteria,
      simulatorError: simulatorError(view, request.endedBy),
      engine: this.engine,
      model: this.model,
      promptVersion: this.promptVersion,
      usage: noUsage(),
    };
  }
}

/**
 * The customer's goal and the agent's conduct weigh half each (the mean within each group);
 * a conversation with any unmet criterion is capped below PASSED.
 */
export function overallScore(criteria: CriterionVerdict[]): number {
  const mean = (list: CriterionVerdict[]) => list.reduce((sum, c) => sum + c.score, 0) / list.length;
  const user = criteria.filter((c) => c.kind === 'USER');
  const agent = criteria.filter((c) => c.kind === 'AGENT');
  if (user.length === 0 && agent.length === 0) return 0;
  const raw = user.length === 0 ? mean(agent) : agent.length === 0 ? mean(user) : (mean(user) + mean(agent)) / 2;
  const score = Math.round(raw);
  return criteria.some((c) => !c.met) ? Math.min(score, UNMET_CAP) : score;
}

function summarise(score: number, band: string, criteria: CriterionVerdict[]): string {
  const met = criteria.filter((c) => c.met);
  const unmet = criteria.filter((c) => !c.met);
  const parts = [`Score ${score}/100 (${band.replace('_', ' ').toLowerCase()}): ${met.length} of ${criteria.length} criteria met.`];
  if (met.length > 0) parts.push(`Met: ${met.map((c) => `${c.criterion} (${c.reasoning})`).join(' ')}`);
  if (unmet.length > 0) parts.push(`Not met: ${unmet.map((c) => `${c.criterion} (${c.reasoning})`).join(' ')}`);
  if (unmet.length > 0 && score === UNMET_CAP) parts.push(`Capped at ${UNMET_CAP} because a criterion is not met.`);
  parts.push('Judged by the offline rule engine from observable facts in the transcript (links, dates, keywords, language, turn counts).');
  return parts.join(' ');
}

/** The simulated customer broke its test case: it invented facts, or quit before the agent spoke. */
export function simulatorError(view: TranscriptView, endedBy: string): string | null {
  const known = view.facts.map((f) => f.value.toLowerCase());
  for (const turn of view.customer) {
    const claimed = [...(turn.text.match(ORDER_NUMBER_PATTERN) ?? []), ...(turn.text.match(EMAIL_PATTERN) ?? [])];
    const invented = claimed.find((value) => !known.some((k) => k.includes(value.toLowerCase())));
    if (invented) return `${cite(turn)}: the simulated customer used "${invented}", which is not among its persona facts`;
  }
  if (view.agent.length === 0 && endedBy === 'customer') return 'the simulated customer ended the conversation before the agent replied';
  return null;
}
