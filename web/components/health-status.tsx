'use client';

import { useEffect, useState } from 'react';
import { isPlatformHealth, type PlatformStatus } from '../lib/health';

const POLL_INTERVAL_MS = 10_000;

type Shown = PlatformStatus | 'checking';

const LABELS: Record<Shown, string> = {
  checking: 'Checking the platform…',
  ready: 'Ready: the gateway and its services are answering.',
  'not-ready': 'Not ready: the gateway is up but reports a problem.',
  unreachable: 'Unreachable: the gateway is not answering.',
};

/** Polls `/api/health` and announces changes politely to assistive technology. */
export function HealthStatus() {
  const [status, setStatus] = useState<Shown>('checking');
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();

    async function check(): Promise<void> {
      setStatus(await fetchStatus(controller.signal));
      setCheckedAt(new Date());
      if (!controller.signal.aborted) timer = setTimeout(check, POLL_INTERVAL_MS);
    }

    void check();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, []);

  return (
    <p className="status" role="status" data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      <span>{LABELS[status]}</span>
      {checkedAt && (
        <span className="status-time">
          {' '}
          Last checked <time dateTime={checkedAt.toISOString()}>{checkedAt.toLocaleTimeString()}</time>.
        </span>
      )}
    </p>
  );
}

async function fetchStatus(signal: AbortSignal): Promise<PlatformStatus> {
  try {
    const response = await fetch('/api/health', { cache: 'no-store', signal });
    const body: unknown = await response.json();
    return isPlatformHealth(body) ? body.status : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
