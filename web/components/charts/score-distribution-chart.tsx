'use client';

import { useId } from 'react';
import { BAND_LABELS, bandOf, bandTone } from '../../lib/format';
import { useMeasuredWidth } from './use-measured-width';

const HEIGHT = 150;
const PAD = { top: 16, right: 8, bottom: 26, left: 8 };

/** Ten buckets of ten points each; the last one holds 90 to 100. */
const BUCKETS = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9 }));

const BANDS = [
  { band: 'PASSED', range: '80–100%' },
  { band: 'NEEDS_ATTENTION', range: '50–79%' },
  { band: 'FAILED', range: 'below 50%' },
] as const;

export function countByBand(scores: number[]): Record<(typeof BANDS)[number]['band'], number> {
  const counts = { PASSED: 0, NEEDS_ATTENTION: 0, FAILED: 0 };
  for (const score of scores) counts[bandOf(score)] += 1;
  return counts;
}

function describe(scores: number[]): string {
  const counts = countByBand(scores);
  const parts = BANDS.map(({ band, range }) => `${counts[band]} ${BAND_LABELS[band]} (${range})`);
  return `Score distribution of ${scores.length} scored ${scores.length === 1 ? 'case' : 'cases'}: ${parts.join(', ')}.`;
}

/**
 * How the scored cases of a run spread over 0-100%, as bars of ten points coloured by band.
 * The legend says the counts per band in words; a visually hidden table gives every bucket.
 */
export function ScoreDistributionChart({ scores }: { scores: number[] }) {
  if (scores.length === 0) return <p className="muted">Scores appear here as the judge scores each case.</p>;
  return <DistributionFigure scores={scores} />;
}

function DistributionFigure({ scores }: { scores: number[] }) {
  const captionId = useId();
  const [figureRef, width] = useMeasuredWidth<HTMLElement>(300);
  const counts = BUCKETS.map((bucket) => scores.filter((s) => s >= bucket.from && s <= bucket.to).length);
  const highest = Math.max(1, ...counts);
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / BUCKETS.length;
  const byBand = countByBand(scores);

  return (
    <figure className="chart-figure" ref={figureRef}>
      <svg className="chart chart-distribution" viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={describe(scores)} data-testid="score-distribution">
        <line className="chart-axis" x1={PAD.left} x2={width - PAD.right} y1={PAD.top + plotHeight} y2={PAD.top + plotHeight} />
        {BUCKETS.map((bucket, i) => {
          const height = (counts[i] / highest) * plotHeight;
          const x = PAD.left + i * slot + 3;
          const top = PAD.top + plotHeight - height;
          return (
            <g key={bucket.from}>
              {counts[i] > 0 && (
                <>
                  <rect className={`chart-bar chart-bar-${bandTone(bandOf(bucket.from))}`} x={x} y={top} width={slot - 6} height={height} rx={2}>
                    <title>{`${bucket.from}–${bucket.to}%: ${counts[i]}`}</title>
                  </rect>
                  <text x={x + (slot - 6) / 2} y={top - 4} textAnchor="middle">
                    {counts[i]}
                  </text>
                </>
              )}
              <text x={PAD.left + i * slot + slot / 2} y={HEIGHT - 8} textAnchor="middle">
                {bucket.from}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {BANDS.map(({ band, range }) => (
            <li key={band}>
              <span className={`chart-swatch chart-bar-${bandTone(band)}`} aria-hidden="true" />
              {BAND_LABELS[band]} ({range}): <strong>{byBand[band]}</strong>
            </li>
          ))}
        </ul>
      </figcaption>
      <div className="visually-hidden">
        <table aria-labelledby={captionId}>
        <caption id={captionId}>Scored cases by score range</caption>
        <thead>
          <tr>
            <th scope="col">Score</th>
            <th scope="col">Cases</th>
          </tr>
        </thead>
        <tbody>
          {BUCKETS.map((bucket, i) => (
            <tr key={bucket.from}>
              <td>{`${bucket.from}–${bucket.to}%`}</td>
              <td>{counts[i]}</td>
            </tr>
          ))}
        </tbody>
        </table>
      </div>
    </figure>
  );
}
