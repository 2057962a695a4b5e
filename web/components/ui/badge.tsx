import type { Tone } from '../../lib/format';

/** A status or band in words, drawn in its tone; the words carry the meaning, the colour helps. */
export function Badge({ tone, children, testId }: { tone: Tone; children: string; testId?: string }) {
  return (
    <span className={`badge tone-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}
