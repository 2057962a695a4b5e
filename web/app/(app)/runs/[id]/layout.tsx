import type { Metadata } from 'next';
import type { ReactNode } from 'react';

/** The run is read in the browser (with the user's token), so the title names the page, not the run. */
export const metadata: Metadata = { title: 'Test Run Results' };

export default function TestRunResultsLayout({ children }: { children: ReactNode }) {
  return children;
}
