'use client';

import { Suspense } from 'react';
import { RunsListPage } from '../../../components/runs/runs-list';
import { Loading } from '../../../components/ui/states';

/** AI → Testing → Test Runs. The filters are read from the URL, hence the Suspense boundary. */
export default function TestRunsPage() {
  return (
    <Suspense fallback={<Loading />}>
      <RunsListPage />
    </Suspense>
  );
}
