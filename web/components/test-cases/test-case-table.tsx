'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { formatDateTime, languageName } from '../../lib/format';
import { RowMenu, type RowAction } from '../ui/row-menu';
import { sourceLabel } from './source-labels';

export interface TestCaseRow {
  id: string;
  name: string;
  type?: string | null;
  intent?: string | null;
  language?: string | null;
  source: { kind: string; ref?: string | null };
  updatedAt: string;
}

/** The header checkbox: ticked when every row on the page is, mixed when some are. */
function SelectAll({ rows, selected, onChange }: { rows: TestCaseRow[]; selected: Set<string>; onChange(select: boolean): void }) {
  const ref = useRef<HTMLInputElement>(null);
  const count = rows.filter((row) => selected.has(row.id)).length;
  const all = rows.length > 0 && count === rows.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  return <input ref={ref} type="checkbox" aria-label="Select all test cases on this page" checked={all} onChange={() => onChange(!all)} />;
}

/**
 * The Test Cases table: a checkbox per row (for a run), name linking to the case, type, intent,
 * language, source and last update, and the row actions menu.
 */
export function TestCaseTable({
  rows,
  selectable,
  selected,
  highlighted,
  onToggle,
  onToggleAll,
  actionsFor,
}: {
  rows: TestCaseRow[];
  selectable: boolean;
  selected: Set<string>;
  highlighted: Set<string>;
  onToggle(row: TestCaseRow): void;
  onToggleAll(select: boolean): void;
  actionsFor(row: TestCaseRow): RowAction[];
}) {
  return (
    <div className="table-wrap tc-table-wrap">
      <table className="table tc-table" aria-label="Test cases">
        <thead>
          <tr>
            {selectable && (
              <th scope="col" className="col-check">
                <SelectAll rows={rows} selected={selected} onChange={onToggleAll} />
              </th>
            )}
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Intent</th>
            <th scope="col">Language</th>
            <th scope="col">Source</th>
            <th scope="col">Updated</th>
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const classes = [selected.has(row.id) ? 'selected' : '', highlighted.has(row.id) ? 'highlighted' : ''].filter(Boolean).join(' ');
            return (
              <tr key={row.id} className={classes || undefined} data-testid="test-case-row">
                {selectable && (
                  <td className="col-check">
                    <input type="checkbox" aria-label={`Select ${row.name}`} checked={selected.has(row.id)} onChange={() => onToggle(row)} />
                  </td>
                )}
                <td className="tc-name">
                  <Link href={`/test-cases/${row.id}`}>{row.name}</Link>
                  {highlighted.has(row.id) && <span className="visually-hidden"> (new)</span>}
                </td>
                <td>{row.type ?? <span className="muted">—</span>}</td>
                <td>{row.intent ?? <span className="muted">—</span>}</td>
                <td>{languageName(row.language)}</td>
                {/* The ref is an id of the source's material: of use on the case's own page, noise here. */}
                <td title={row.source.ref ?? undefined}>{sourceLabel(row.source.kind)}</td>
                <td className="tc-nowrap">{formatDateTime(row.updatedAt)}</td>
                <td className="col-actions">
                  <RowMenu label={`Actions for ${row.name}`} actions={actionsFor(row)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
