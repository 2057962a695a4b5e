'use client';

import type { ReactNode } from 'react';
import { AuthProvider } from '../lib/auth-context';
import { GraphQLProvider } from '../lib/graphql-client';
import { ToastProvider } from './ui/toast';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <AuthProvider>
      <GraphQLProvider>
        <ToastProvider>{children}</ToastProvider>
      </GraphQLProvider>
    </AuthProvider>
  );
}
