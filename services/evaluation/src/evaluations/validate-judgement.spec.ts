import type { Judgement } from '@sim/llm';
import { validateJudgement } from './validate-judgement';

const valid: Judgement = {
  score: 79.6,
  band: 'FAILED',
  summary: '  The agent sent the tracking link (turn 2).  ',
  criteria: [{ criterion: 'Tracking link sent', kind: 'AGENT', met: true, score: 90.2, reasoning: 'turn 2' }],
  simulatorError: '  ',
  engine: 'openai:gpt-4o',
  model: 'gpt-4o',
  promptVersion: 'judge/3',
  usage: { promptTokens: 10, completionTokens: 5, costUsd: 0.001 },
};

describe('validateJudgement', () => {
  it('rounds scores, derives the band from the score and trims texts', () => {
    const checked = validateJudgement(valid);
    expect(checked).toEqual({
      ok: true,
      judgement: expect.objectContaining({
        score: 80,
        band: 'PASSED',
        summary: 'The agent sent the tracking link (turn 2).',
        simulatorError: null,
        criteria: [{ criterion: 'Tracking link sent', kind: 'AGENT', met: true, score: 90, reasoning: 'turn 2' }],
      }),
    });
  });

  it.each([
    ['a score above 100', { score: 101 }, /^score must be a number from 0 to 100/],
    ['a score that is not a number', { score: Number.NaN }, /^score must be/],
    ['an empty summary', { summary: ' ' }, /^summary must be a non-empty text/],
    ['no engine', { engine: '' }, /^engine must be/],
    ['negative usage', { usage: { promptTokens: -1, completionTokens: 0, costUsd: 0 } }, /^usage must hold/],
    ['criteria that are not a list', { criteria: null }, /^criteria must be a list/],
    ['a criterion of an unknown kind', { criteria: [{ ...valid.criteria[0], kind: 'BOT' }] }, /^criteria\[0\]\.kind must be USER or AGENT/],
    ['a criterion without a verdict', { criteria: [{ ...valid.criteria[0], met: 'yes' }] }, /^criteria\[0\]\.met must be true or false/],
  ])('refuses %s', (_label, change, problem) => {
    const checked = validateJudgement({ ...valid, ...(change as Partial<Judgement>) });
    expect(checked.ok).toBe(false);
    expect(checked.ok ? [] : checked.problems).toEqual([expect.stringMatching(problem)]);
  });
});
