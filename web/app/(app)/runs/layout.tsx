import type { Metadata } from 'next';
import type { ReactNode } from 'react';

/** The pages are client components; their title comes from here. */
export const metadata: Metadata = { title: 'Test Runs' };

export default function TestRunsLayout({ children }: { children: ReactNode }) {
  return children;
}
