'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useState, type ReactNode } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useAuth } from '../../lib/auth-context';
import { errorMessage } from '../../lib/format';
import { Dialog } from '../ui/dialog';
import { FormError } from '../ui/states';
import { copyText, useToast } from '../ui/toast';

const RunRerunDocument = graphql(`
  mutation RunRerun($id: ID!) {
    rerunTestRun(id: $id) {
      id
      name
      status
    }
  }
`);

const RunCancelDocument = graphql(`
  mutation RunCancel($id: ID!) {
    cancelTestRun(id: $id) {
      id
      status
      finishedAt
    }
  }
`);

export interface RunRef {
  id: string;
  name: string;
  shareUrl: string;
}

export interface RunActions {
  /** Rerun and Cancel change data: editors and up only (the gateway enforces it too). */
  canWrite: boolean;
  rerun(run: RunRef): Promise<void>;
  rerunning: boolean;
  copyShareLink(run: RunRef): Promise<void>;
  /** Asks first: cancelling skips every unfinished case, which cannot be undone. */
  askCancel(run: RunRef): void;
  /** Why the last action failed, announced where the actions are; null when it did not. */
  error: ReactNode;
  /** The cancel confirmation; render it once on the page. */
  dialogs: ReactNode;
}

/**
 * What a user can do with a run, from the list's row menu or the results page header: rerun it
 * (and go to the new run), copy its share link, cancel it while it is queued or running.
 */
export function useRunActions(): RunActions {
  const router = useRouter();
  const toast = useToast();
  const { can } = useAuth();
  const [rerunState, rerunMutation] = useMutation(RunRerunDocument);
  const [cancelState, cancelMutation] = useMutation(RunCancelDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const [toCancel, setToCancel] = useState<RunRef | null>(null);

  const rerun = useCallback(
    async (run: RunRef) => {
      setFailure(null);
      const result = await rerunMutation({ id: run.id });
      if (result.error || !result.data) {
        setFailure(`Could not rerun "${run.name}": ${errorMessage(result.error)}`);
        return;
      }
      toast(`Rerun started: ${result.data.rerunTestRun.name}`);
      router.push(`/runs/${result.data.rerunTestRun.id}`);
    },
    [rerunMutation, router, toast],
  );

  const copyShareLink = useCallback(
    async (run: RunRef) => {
      setFailure(null);
      try {
        await copyText(run.shareUrl);
        toast('Share link copied');
      } catch {
        setFailure(`Could not copy the link. Copy it by hand: ${run.shareUrl}`);
      }
    },
    [toast],
  );

  const confirmCancel = async () => {
    if (!toCancel) return;
    const result = await cancelMutation({ id: toCancel.id });
    if (result.error) setFailure(`Could not cancel "${toCancel.name}": ${errorMessage(result.error)}`);
    else toast(`Run cancelled: ${toCancel.name}`);
    setToCancel(null);
  };

  const dialogs = (
    <Dialog
      open={toCancel !== null}
      title="Cancel this run?"
      onClose={() => setToCancel(null)}
      footer={
        <>
          <button type="button" className="button" onClick={() => setToCancel(null)}>
            Keep Running
          </button>
          <button type="button" className="button button-danger" onClick={confirmCancel} disabled={cancelState.fetching}>
            Cancel Run
          </button>
        </>
      }
    >
      <p>
        <strong>{toCancel?.name}</strong> stops now. Cases that have not finished are marked Skipped; cases already scored keep their
        results.
      </p>
    </Dialog>
  );

  return {
    canWrite: can('editor'),
    rerun,
    rerunning: rerunState.fetching,
    copyShareLink,
    askCancel: (run) => {
      setFailure(null);
      setToCancel(run);
    },
    error: <FormError message={failure} />,
    dialogs,
  };
}
