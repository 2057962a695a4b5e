'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { RunCaseQuery } from '../../gql/graphql';
import { errorMessage, formatDateTime } from '../../lib/format';
import { Badge } from '../ui/badge';
import { Dialog } from '../ui/dialog';
import { ErrorState, Loading } from '../ui/states';
import { BandBadge, CaseStatusBadge } from './run-badges';
import type { LiveRunCase } from './use-live-run';

/**
 * One case with its conversation and verdict. There is no query for a single run case, so this
 * reads the run's case list one case long, starting after the case before it.
 */
const RunCaseDocument = graphql(`
  query RunCase($runId: ID!, $after: String) {
    testRun(id: $runId) {
      id
      cases(first: 1, after: $after) {
        edges {
          node {
            id
            name
            status
            score
            band
            error
            simulatorError
            attempt
            testCase {
              id
              name
            }
            conversation {
              attempt
              status
              endedBy
              error
              turns {
                index
                role
                text
                at
              }
            }
            evaluation {
              score
              band
              summary
              engine
              model
              promptVersion
              evaluatedAt
              simulatorError
              criteria {
                criterion
                kind
                met
                score
                reasoning
              }
            }
          }
        }
      }
    }
  }
`);

type CaseDetail = NonNullable<RunCaseQuery['testRun']>['cases']['edges'][number]['node'];

const ENDED_BY: Record<string, string> = {
  customer: 'The simulated customer ended the conversation.',
  agent: 'The agent ended the conversation.',
  handoff: 'The agent handed the conversation to a human.',
  max_turns: 'The conversation reached the run’s turn limit.',
  deadline: 'The conversation ran out of time.',
  error: 'The conversation stopped on an error.',
  cancelled: 'The run was cancelled during the conversation.',
};

const formatTime = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * The conversation panel: the transcript turn by turn and "Why this score?" (the judge's
 * summary, engine and per-criterion verdicts). Turns are numbered from 1, as the judge cites them.
 */
export function ConversationPanel({
  runId,
  runCase,
  after,
  onClose,
}: {
  runId: string;
  runCase: LiveRunCase | null;
  /** The cursor of the case before this one (null for the first). */
  after: string | null;
  onClose(): void;
}) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: RunCaseDocument,
    variables: { runId, after },
    pause: runCase === null,
  });
  // A case still being judged gets its verdict while the panel is open.
  const seen = useRef<string | null>(null);
  const progress = runCase ? `${runCase.id}:${runCase.status}` : null;
  useEffect(() => {
    const sameCase = seen.current?.split(':')[0] === progress?.split(':')[0];
    const moved = sameCase && seen.current !== progress;
    seen.current = progress;
    if (moved) refetch({ requestPolicy: 'network-only' });
  }, [progress, refetch]);

  const detail = data?.testRun?.cases.edges[0]?.node;
  let body;
  if (!runCase) body = null;
  else if (error && !detail) body = <ErrorState message={`The conversation could not be loaded: ${errorMessage(error)}`} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  else if (!detail || (fetching && detail.id !== runCase.id)) body = <Loading label="Loading the conversation…" />;
  else if (detail.id !== runCase.id) body = <ErrorState message="This case is no longer where the run listed it. Reload the page." />;
  else body = <CaseDetailView detail={detail} />;

  return (
    <Dialog open={runCase !== null} title={runCase?.name ?? 'Conversation'} variant="drawer" wide onClose={onClose}>
      {body}
    </Dialog>
  );
}

function CaseDetailView({ detail }: { detail: CaseDetail }) {
  return (
    <div className="conversation-panel" data-testid="conversation-panel">
      <div className="case-summary">
        <CaseStatusBadge status={detail.status} />
        {detail.score !== null && detail.score !== undefined && detail.band && (
          <>
            <span className="score">{detail.score}%</span>
            <BandBadge band={detail.band} />
          </>
        )}
        {detail.testCase && <Link href={`/test-cases/${detail.testCase.id}`}>Open test case</Link>}
      </div>
      {detail.status === 'ERROR' && (
        <div className="notice notice-warn" role="note">
          <strong>This case ended with an error.</strong> {detail.error ?? detail.conversation?.error ?? 'No reason was recorded.'}
          {detail.simulatorError && ' The simulated customer failed, not the agent, so the case does not count against the agent.'}
        </div>
      )}
      <div className="conversation-layout">
        <section aria-labelledby="transcript-title">
          <h3 id="transcript-title">Transcript</h3>
          <Transcript detail={detail} />
        </section>
        <section aria-labelledby="why-title" className="why-score">
          <h3 id="why-title">Why this score?</h3>
          <WhyThisScore detail={detail} />
        </section>
      </div>
    </div>
  );
}

function Transcript({ detail }: { detail: CaseDetail }) {
  const conversation = detail.conversation;
  if (!conversation || conversation.turns.length === 0) return <p className="muted">No conversation was recorded for this case.</p>;
  return (
    <>
      {detail.attempt > 1 && <p className="muted">Attempt {conversation.attempt}: the case was dispatched again after missing its deadline.</p>}
      <ol className="transcript">
        {conversation.turns.map((turn) => (
          <li key={turn.index} className={`turn ${turn.role === 'CUSTOMER' ? 'turn-customer' : 'turn-agent'}`} data-testid="turn">
            <div className="turn-meta">
              <strong>{turn.role === 'CUSTOMER' ? 'Customer' : 'Agent'}</strong> · Turn {turn.index + 1} · <time dateTime={turn.at}>{formatTime(turn.at)}</time>
            </div>
            <p className="turn-text">{turn.text}</p>
          </li>
        ))}
      </ol>
      {conversation.endedBy && <p className="muted conversation-end">{ENDED_BY[conversation.endedBy] ?? `Ended by: ${conversation.endedBy}.`}</p>}
    </>
  );
}

function WhyThisScore({ detail }: { detail: CaseDetail }) {
  const evaluation = detail.evaluation;
  if (!evaluation) {
    return (
      <p className="muted">
        {detail.status === 'EVALUATING'
          ? 'The judge is scoring this conversation. The verdict appears here when it is done.'
          : 'This case has no score: it ended before the judge could assess the conversation.'}
      </p>
    );
  }
  return (
    <>
      <p className="why-score-result">
        <span className="score">{evaluation.score}%</span> <BandBadge band={evaluation.band} />
      </p>
      <p className="why-score-summary" data-testid="evaluation-summary">
        {evaluation.summary}
      </p>
      {evaluation.simulatorError && <p className="notice notice-warn">The simulated customer spoiled this conversation: {evaluation.simulatorError}</p>}
      <p className="muted judged-by">
        Judged by {evaluation.engine} (model {evaluation.model}, version {evaluation.promptVersion}) on {formatDateTime(evaluation.evaluatedAt)}.
      </p>
      <h4>Criteria</h4>
      <ul className="criteria">
        {evaluation.criteria.map((verdict, i) => (
          <li key={i} data-testid="criterion">
            <div className="criterion-head">
              <Badge tone={verdict.met ? 'good' : 'bad'}>{verdict.met ? 'Met' : 'Not met'}</Badge>
              <span className="criterion-kind">{verdict.kind === 'USER' ? 'User criterion' : verdict.kind === 'AGENT' ? 'Agent criterion' : verdict.kind}</span>
              <span className="score">{verdict.score}%</span>
            </div>
            <p className="criterion-text">{verdict.criterion}</p>
            <p className="muted criterion-reasoning">{verdict.reasoning}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
