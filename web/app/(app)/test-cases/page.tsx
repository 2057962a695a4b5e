import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequiresSimulations } from '../../../components/feature-off';
import { TestCasesScreen } from '../../../components/test-cases/test-cases-screen';
import { Loading } from '../../../components/ui/states';

export const metadata: Metadata = { title: 'Test Cases' };

export default function TestCasesPage() {
  return (
    <RequiresSimulations>
      {/* The filters are read from the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<Loading label="Loading test cases…" />}>
        <TestCasesScreen />
      </Suspense>
    </RequiresSimulations>
  );
}
