'use client';

import { useId } from 'react';
import { useMeasuredWidth } from './use-measured-width';

export interface TrendPoint {
  /** What the point is (a run's name). */
  label: string;
  /** When it happened, already formatted for reading. */
  when: string;
  /** 0-100. */
  value: number;
}

const HEIGHT = 170;
const PAD = { top: 12, right: 16, bottom: 24, left: 40 };
const GRID = [0, 25, 50, 75, 100];

const formatRate = (value: number) => `${Math.round(value * 10) / 10}%`;

/** One sentence a screen reader can use in place of the picture. */
export function describeTrend(subject: string, points: TrendPoint[]): string {
  if (points.length === 0) return `No finished runs of ${subject} to chart yet.`;
  const first = points[0];
  const last = points[points.length - 1];
  const values = points.map((p) => p.value);
  const range = `lowest ${formatRate(Math.min(...values))}, highest ${formatRate(Math.max(...values))}`;
  if (points.length === 1) return `Pass rate of ${subject}: one run, ${formatRate(last.value)}.`;
  return `Pass rate of ${subject} over its last ${points.length} runs, oldest to newest: from ${formatRate(first.value)} to ${formatRate(last.value)} (${range}).`;
}

/**
 * Pass rate over a widget's runs, oldest on the left: an inline SVG line, no chart library.
 * The picture is one image with a summary for screen readers; the numbers themselves are in a
 * visually hidden table next to it.
 */
export function PassRateTrendChart({ subject, points }: { subject: string; points: TrendPoint[] }) {
  const captionId = useId();
  const [figureRef, width] = useMeasuredWidth<HTMLElement>(560);
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (points.length === 1 ? plotWidth / 2 : (index / (points.length - 1)) * plotWidth);
  const y = (value: number) => PAD.top + plotHeight - (Math.max(0, Math.min(100, value)) / 100) * plotHeight;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const summary = describeTrend(subject, points);

  return (
    <figure className="chart-figure" ref={figureRef}>
      <svg className="chart chart-trend" viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={summary} data-testid="pass-rate-trend">
        {GRID.map((value) => (
          <g key={value}>
            <line className="chart-grid" x1={PAD.left} x2={width - PAD.right} y1={y(value)} y2={y(value)} />
            <text x={PAD.left - 6} y={y(value) + 4} textAnchor="end">
              {value}%
            </text>
          </g>
        ))}
        <text x={PAD.left} y={HEIGHT - 6}>
          Oldest
        </text>
        <text x={width - PAD.right} y={HEIGHT - 6} textAnchor="end">
          Newest
        </text>
        <path className="chart-line" d={path} />
        {points.map((p, i) => (
          <circle key={i} className="chart-point" cx={x(i)} cy={y(p.value)} r={4}>
            <title>{`${p.label} (${p.when}): ${formatRate(p.value)}`}</title>
          </circle>
        ))}
      </svg>
      <div className="visually-hidden">
        <table aria-labelledby={captionId}>
        <caption id={captionId}>Pass rate by run of {subject}, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Created</th>
            <th scope="col">Pass rate</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            <tr key={i}>
              <td>{p.label}</td>
              <td>{p.when}</td>
              <td>{formatRate(p.value)}</td>
            </tr>
          ))}
        </tbody>
        </table>
      </div>
    </figure>
  );
}
