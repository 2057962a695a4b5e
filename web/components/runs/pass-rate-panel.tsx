import { formatPercent, isRunActive } from '../../lib/format';
import { ScoreDistributionChart } from '../charts/score-distribution-chart';
import type { LiveRun } from './use-live-run';

const OPEN_STATUSES = ['NOT_STARTED', 'RUNNING', 'EVALUATING'];

/**
 * The top of a run's results: the Test Pass Rate (passed of all cases), how the cases ended,
 * and how their scores spread. Pass rate counts the cases scored 80% or above.
 */
export function PassRatePanel({ run }: { run: LiveRun }) {
  const cases = run.cases.edges.map((edge) => edge.node);
  const count = (test: (c: (typeof cases)[number]) => boolean) => cases.filter(test).length;
  const open = count((c) => OPEN_STATUSES.includes(c.status));
  const finished = run.totalCases - open;
  const scores = cases.filter((c) => c.score !== null && c.score !== undefined).map((c) => c.score as number);
  const simulatorErrors = count((c) => c.status === 'ERROR' && c.simulatorError);
  const counters = [
    { label: 'Passed', value: run.passedCases, testId: 'count-passed' },
    { label: 'Needs Attention', value: count((c) => c.band === 'NEEDS_ATTENTION'), testId: 'count-needs-attention' },
    { label: 'Failed', value: count((c) => c.band === 'FAILED'), testId: 'count-failed' },
    { label: 'Errored', value: run.erroredCases, testId: 'count-errored' },
    { label: 'Skipped', value: count((c) => c.status === 'SKIPPED'), testId: 'count-skipped' },
    { label: 'Not finished', value: open, testId: 'count-open' },
  ];

  return (
    <div className="panels run-panels">
      <section className="panel" aria-labelledby="pass-rate-title">
        <h2 id="pass-rate-title">Test Pass Rate</h2>
        <p className="panel-value" data-testid="pass-rate">
          {formatPercent(run.passRate)}
        </p>
        <p className="runs-panel-detail" data-testid="passed-of-total">
          {run.passedCases} of {run.totalCases} passed
        </p>
        <p className="muted runs-panel-note">
          {run.scoredCases === 0
            ? 'No case has been scored yet.'
            : run.scoredCases < run.totalCases
              ? `The rate is over the ${run.scoredCases} cases scored so far.`
              : 'Cases scoring 80% or above pass.'}
        </p>
        {isRunActive(run.status) && (
          <div className="run-progress">
            <div
              className="progress"
              role="progressbar"
              aria-label="Cases finished"
              aria-valuemin={0}
              aria-valuemax={run.totalCases}
              aria-valuenow={finished}
              aria-valuetext={`${finished} of ${run.totalCases} cases finished`}
            >
              <div className="progress-bar" style={{ width: `${run.totalCases ? (finished / run.totalCases) * 100 : 0}%` }} />
            </div>
            <span className="muted">
              {finished} of {run.totalCases} finished
            </span>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="case-counts-title">
        <h2 id="case-counts-title">Cases</h2>
        <dl className="runs-counters">
          {counters.map((counter) => (
            <div key={counter.label}>
              <dt>{counter.label}</dt>
              <dd data-testid={counter.testId}>{counter.value}</dd>
            </div>
          ))}
        </dl>
        {simulatorErrors > 0 && (
          <p className="muted runs-panel-note">
            {simulatorErrors} errored because of the simulated customer, not the agent; they do not count against it.
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="distribution-title">
        <h2 id="distribution-title">Score distribution</h2>
        <ScoreDistributionChart scores={scores} />
      </section>
    </div>
  );
}
