'use client';

import Link from 'next/link';
import { BandBadge, CaseStatusBadge } from './run-badges';
import type { LiveRunCase } from './use-live-run';

/** Why a case has nothing to open yet (PRODUCT.md, Troubleshooting: "Can't click into a test case result"). */
const NOT_OPENABLE: Record<string, string> = {
  NOT_STARTED: 'Waiting to start. Its conversation opens once it is scored.',
  RUNNING: 'Conversation in progress. It opens once it is scored.',
  SKIPPED: 'Skipped: the run stopped before this case ran, so there is nothing to review.',
};

/** Judged: the score and band are the result; until then the status says where the case is. */
function scored(runCase: LiveRunCase): runCase is LiveRunCase & { score: number; band: NonNullable<LiveRunCase['band']> } {
  return runCase.score !== null && runCase.score !== undefined && !!runCase.band;
}

export function canOpenCase(runCase: Pick<LiveRunCase, 'status'>): boolean {
  return !(runCase.status in NOT_OPENABLE);
}

/**
 * The run's cases in run order: where each one is until it is judged, then its score and band. A row
 * with a result opens the conversation panel (by click, or by its name button from the keyboard).
 */
export function RunCasesTable({ cases, selectedId, onOpen }: { cases: LiveRunCase[]; selectedId: string | null; onOpen(id: string): void }) {
  return (
    <div className="table-wrap runs-table-wrap">
      <table className="table run-cases-table">
        <caption className="visually-hidden">Test cases of this run, in run order</caption>
        <thead>
          <tr>
            <th scope="col" className="num col-position">
              #
            </th>
            <th scope="col">Test case</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((runCase) => {
            const openable = canOpenCase(runCase);
            return (
              <tr
                key={runCase.id}
                data-testid="case-row"
                className={[openable ? 'clickable' : '', runCase.id === selectedId ? 'selected' : ''].filter(Boolean).join(' ') || undefined}
                onClick={(event) => {
                  if (!openable || (event.target as HTMLElement).closest('a, button')) return;
                  onOpen(runCase.id);
                }}
              >
                <td className="num col-position">{runCase.position + 1}</td>
                <td>
                  {openable ? (
                    <button type="button" className="button-link case-name" onClick={() => onOpen(runCase.id)} aria-haspopup="dialog">
                      {runCase.name}
                    </button>
                  ) : (
                    <span className="case-name">{runCase.name}</span>
                  )}
                  {runCase.testCase && (
                    <div className="runs-cell-note">
                      <Link href={`/test-cases/${runCase.testCase.id}`}>View test case</Link>
                    </div>
                  )}
                </td>
                <td>
                  {scored(runCase) ? (
                    <span className="case-score">
                      <span className="score" data-testid="case-score">
                        {runCase.score}%
                      </span>
                      <BandBadge band={runCase.band} />
                    </span>
                  ) : (
                    <>
                      <CaseStatusBadge status={runCase.status} />
                      {runCase.status === 'ERROR' && runCase.error && <div className="runs-cell-note case-error">{runCase.error}</div>}
                      {runCase.status === 'ERROR' && runCase.simulatorError && <div className="runs-cell-note">The simulated customer failed, not the agent.</div>}
                      {runCase.status === 'EVALUATING' && <div className="runs-cell-note">The judge is scoring the conversation.</div>}
                      {!openable && <div className="runs-cell-note">{NOT_OPENABLE[runCase.status]}</div>}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
