import { scoreBand, type CriterionVerdict, type Judgement, type ScoreBand, type TokenUsage } from '@sim/llm';

/** A judgement as it is stored and announced: score rounded, band derived from it. */
export interface ValidJudgement {
  score: number;
  band: ScoreBand;
  summary: string;
  criteria: CriterionVerdict[];
  simulatorError: string | null;
  engine: string;
  model: string;
  promptVersion: string;
  usage: TokenUsage;
}

export type JudgementCheck = { ok: true; judgement: ValidJudgement } | { ok: false; problems: string[] };

const isText = (value: unknown): value is string => typeof value === 'string';
const isScore = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * The judge is a model behind an interface: what it returns is checked like any other
 * input before a case is scored on it. Scores are rounded to whole points, and the band is
 * always the one the score falls in (PRODUCT.md), whatever band the judge named.
 */
export function validateJudgement(judgement: Judgement): JudgementCheck {
  const problems: string[] = [];
  const j = judgement as Partial<Record<keyof Judgement, unknown>>;
  if (!isScore(j.score)) problems.push(`score must be a number from 0 to 100 (got ${JSON.stringify(j.score)})`);
  if (!isText(j.summary) || j.summary.trim() === '') problems.push('summary must be a non-empty text');
  if (!isText(j.engine) || j.engine.trim() === '') problems.push('engine must be a non-empty text');
  if (j.simulatorError !== null && j.simulatorError !== undefined && !isText(j.simulatorError)) problems.push('simulatorError must be a text or null');
  const usage = j.usage as Partial<TokenUsage> | undefined;
  if (!usage || !isCount(usage.promptTokens) || !isCount(usage.completionTokens) || !isCount(usage.costUsd)) {
    problems.push('usage must hold non-negative promptTokens, completionTokens and costUsd');
  }
  if (!Array.isArray(j.criteria)) problems.push('criteria must be a list');
  else j.criteria.forEach((verdict: unknown, i: number) => problems.push(...criterionProblems(verdict, i)));
  if (problems.length > 0) return { ok: false, problems };

  const score = Math.round(judgement.score);
  return {
    ok: true,
    judgement: {
      score,
      band: scoreBand(score),
      summary: judgement.summary.trim(),
      criteria: judgement.criteria.map((c) => ({ criterion: c.criterion, kind: c.kind, met: c.met, score: Math.round(c.score), reasoning: c.reasoning })),
      simulatorError: judgement.simulatorError?.trim() || null,
      engine: judgement.engine,
      // Engines that name no separate model or prompt version are labelled by their engine.
      model: isText(j.model) && j.model ? j.model : judgement.engine,
      promptVersion: isText(j.promptVersion) ? j.promptVersion : '',
      usage: {
        promptTokens: Math.round(judgement.usage.promptTokens),
        completionTokens: Math.round(judgement.usage.completionTokens),
        costUsd: judgement.usage.costUsd,
      },
    },
  };
}

function criterionProblems(value: unknown, i: number): string[] {
  if (typeof value !== 'object' || value === null) return [`criteria[${i}] must be an object`];
  const c = value as Partial<Record<keyof CriterionVerdict, unknown>>;
  const problems: string[] = [];
  if (!isText(c.criterion) || c.criterion.trim() === '') problems.push(`criteria[${i}].criterion must be a non-empty text`);
  if (c.kind !== 'USER' && c.kind !== 'AGENT') problems.push(`criteria[${i}].kind must be USER or AGENT`);
  if (typeof c.met !== 'boolean') problems.push(`criteria[${i}].met must be true or false`);
  if (!isScore(c.score)) problems.push(`criteria[${i}].score must be a number from 0 to 100`);
  if (!isText(c.reasoning)) problems.push(`criteria[${i}].reasoning must be a text`);
  return problems;
}
