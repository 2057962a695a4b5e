import { Badge } from '../ui/badge';
import { BAND_LABELS, bandTone, CASE_STATUS_LABELS, caseStatusTone, RUN_STATUS_LABELS, runStatusTone } from '../../lib/format';

/** A run's status in words (Queued, Running, Completed, Completed With Errors, Failed, Cancelled). */
export function RunStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={runStatusTone(status)} testId="run-status">
      {RUN_STATUS_LABELS[status] ?? status}
    </Badge>
  );
}

/** Where a case of a run is: Not Started, Running, Evaluating, Completed, Error, Skipped. */
export function CaseStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={caseStatusTone(status)} testId="case-status">
      {CASE_STATUS_LABELS[status] ?? status}
    </Badge>
  );
}

/** A score band in words, in its colour: Passed (>= 80%), Needs Attention (50-79%), Failed (< 50%). */
export function BandBadge({ band }: { band: string }) {
  return (
    <Badge tone={bandTone(band)} testId="case-band">
      {BAND_LABELS[band] ?? band}
    </Badge>
  );
}
