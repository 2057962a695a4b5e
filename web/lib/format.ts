/** How values read on screen: statuses and bands in words (never colour alone), dates, rates. */

export const RUN_STATUS_LABELS: Record<string, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  COMPLETED_WITH_ERRORS: 'Completed With Errors',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export const CASE_STATUS_LABELS: Record<string, string> = {
  NOT_STARTED: 'Not Started',
  RUNNING: 'Running',
  EVALUATING: 'Evaluating',
  COMPLETED: 'Completed',
  ERROR: 'Error',
  SKIPPED: 'Skipped',
};

export const BAND_LABELS: Record<string, string> = {
  PASSED: 'Passed',
  NEEDS_ATTENTION: 'Needs Attention',
  FAILED: 'Failed',
};

export const JOB_STATUS_LABELS: Record<string, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Generating',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
};

export const ACTIVE_RUN_STATUSES = ['QUEUED', 'RUNNING'] as const;

export function isRunActive(status: string): boolean {
  return (ACTIVE_RUN_STATUSES as readonly string[]).includes(status);
}

/** The tone a status or band is drawn in: matches the CSS classes `tone-*`. */
export type Tone = 'good' | 'warn' | 'bad' | 'info' | 'neutral';

export function bandTone(band: string | null | undefined): Tone {
  return band === 'PASSED' ? 'good' : band === 'NEEDS_ATTENTION' ? 'warn' : band === 'FAILED' ? 'bad' : 'neutral';
}

export function runStatusTone(status: string): Tone {
  switch (status) {
    case 'COMPLETED':
      return 'good';
    case 'COMPLETED_WITH_ERRORS':
      return 'warn';
    case 'FAILED':
      return 'bad';
    case 'QUEUED':
    case 'RUNNING':
      return 'info';
    default:
      return 'neutral';
  }
}

export function caseStatusTone(status: string): Tone {
  return status === 'ERROR' ? 'bad' : status === 'RUNNING' || status === 'EVALUATING' ? 'info' : 'neutral';
}

/** Band of a 0-100 score, as the judge assigns it: PASSED >= 80, NEEDS_ATTENTION 50-79, FAILED < 50. */
export function bandOf(score: number): 'PASSED' | 'NEEDS_ATTENTION' | 'FAILED' {
  return score >= 80 ? 'PASSED' : score >= 50 ? 'NEEDS_ATTENTION' : 'FAILED';
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${Math.round(value * 10) / 10}%`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Languages offered in pickers; any BCP 47 tag is accepted by the API. */
export const LANGUAGES: { code: string; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'German' },
  { code: 'fr', name: 'French' },
  { code: 'es', name: 'Spanish' },
  { code: 'it', name: 'Italian' },
  { code: 'nl', name: 'Dutch' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'pl', name: 'Polish' },
  { code: 'sv', name: 'Swedish' },
  { code: 'da', name: 'Danish' },
  { code: 'ja', name: 'Japanese' },
];

export function languageName(code: string | null | undefined): string {
  if (!code) return 'English (default)';
  return LANGUAGES.find((l) => l.code === code)?.name ?? code;
}

/** The message of a urql CombinedError without its "[GraphQL]" prefix. */
export function errorMessage(error: { graphQLErrors?: { message: string }[]; networkError?: Error; message: string } | null | undefined): string {
  if (!error) return '';
  if (error.graphQLErrors?.length) return error.graphQLErrors.map((e) => e.message).join('; ');
  if (error.networkError) return 'The platform could not be reached. Check your connection and try again.';
  return error.message.replace(/^\[(GraphQL|Network)\]\s*/, '');
}
