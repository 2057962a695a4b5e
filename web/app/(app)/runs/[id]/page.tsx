'use client';

import { useParams } from 'next/navigation';
import { RunResultsPage } from '../../../../components/runs/run-results';

/** AI → Testing → Test Runs → one run (also where a run's share link leads). */
export default function TestRunPage() {
  const { id } = useParams<{ id: string }>();
  return <RunResultsPage key={id} id={id} />;
}
