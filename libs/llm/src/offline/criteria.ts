import type { CriterionKind, CriterionVerdict } from '../types';
import { CHECKS, applies, turnLimit, type CheckOutcome } from './checks';
import { detectLanguage } from './language';
import { sentences, words } from './patterns';
import { cite, type TranscriptView } from './transcript-view';

/** A criteria text as separate criteria: one per sentence. */
export function splitCriteria(text: string | null | undefined): string[] {
  return sentences(text ?? '').filter((s) => /[\p{L}]{3,}/u.test(s));
}

const OR_WORDS: Record<string, RegExp> = {
  en: words('or'),
  de: words('oder'),
  fr: words('ou'),
  es: words('o|u'),
  nl: words('of'),
};

const FILLER = new Set(
  'the and that with their they them this from into have has will when whether about customer agent user client gets learns receives knows kunde kundin agent cliente klant erhält obtient sabe weet does should must'.split(
    ' ',
  ),
);

/** When no rule recognises a criterion: how many of its key words the agent's turns contain. */
function overlapOutcome(criterion: string, view: TranscriptView): CheckOutcome & { score: number } {
  const keys = [...new Set((criterion.toLowerCase().match(/[\p{L}]{4,}/gu) ?? []).filter((w) => !FILLER.has(w)))];
  const agentText = view.agent.map((a) => a.turn.text.toLowerCase()).join(' ');
  const stem = (w: string) => w.slice(0, Math.max(4, Math.ceil(w.length * 0.7)));
  const present = keys.filter((w) => agentText.includes(stem(w)));
  const ratio = keys.length === 0 ? 0 : present.length / keys.length;
  const where = view.agent.find((a) => present.some((w) => a.turn.text.toLowerCase().includes(stem(w))));
  return {
    met: ratio >= 0.6,
    score: Math.round(ratio * 100),
    evidence: where,
    note: `no rule recognises this criterion; ${present.length} of ${keys.length} key words appear in the agent's turns${where ? ` (first in ${cite(where.turn)})` : ''}`,
  };
}

/** Decides one criterion from what is observable in the transcript. */
export function evaluateCriterion(criterion: string, kind: CriterionKind, view: TranscriptView): CriterionVerdict {
  const checks = CHECKS.filter((c) => applies(c, criterion));
  if (checks.length === 0) {
    const outcome = overlapOutcome(criterion, view);
    return { criterion, kind, met: outcome.met, score: outcome.met ? Math.max(outcome.score, 80) : Math.min(outcome.score, 49), reasoning: outcome.note };
  }
  const limit = turnLimit(criterion, view);
  const outcomes = checks.map((check) => {
    const outcome = check.evaluate(view, criterion);
    if (limit && check.content && outcome.met && outcome.evidence && outcome.evidence.reply > limit.limit) {
      return { ...outcome, met: false, note: `${outcome.note}, but only in reply ${outcome.evidence.reply}, later than ${limit.label}` };
    }
    return outcome;
  });
  const anyOf = (OR_WORDS[detectLanguage(criterion) ?? 'en'] ?? OR_WORDS.en).test(criterion);
  const metCount = outcomes.filter((o) => o.met).length;
  const met = anyOf ? metCount > 0 : metCount === outcomes.length;
  const score = met ? 100 : anyOf ? 0 : Math.round((100 * metCount) / outcomes.length);
  const shown = anyOf && met ? outcomes.filter((o) => o.met) : outcomes;
  return { criterion, kind, met, score, reasoning: shown.map((o) => o.note).join('; ') };
}

export function evaluateCriteria(texts: { text: string | null | undefined; kind: CriterionKind }[], view: TranscriptView): CriterionVerdict[] {
  return texts.flatMap(({ text, kind }) => splitCriteria(text).map((criterion) => evaluateCriterion(criterion, kind, view)));
}
