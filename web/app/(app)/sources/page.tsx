import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SourcesPage } from '../../../components/sources/sources-page';
import { Loading } from '../../../components/ui/states';

export const metadata: Metadata = { title: 'Sources' };

/** The tab lives in the URL's query, which is read on the client (hence the Suspense boundary). */
export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <SourcesPage />
    </Suspense>
  );
}
