'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { TenantSettingsQuery } from '../gql/graphql';

const TenantSettingsDocument = graphql(`
  query TenantSettings {
    tenantSettings {
      tenantId
      maxActiveRuns
      maxCasesPerRun
      defaultMaxTurns
      simulationsEnabled
    }
  }
`);

type Settings = TenantSettingsQuery['tenantSettings'];

const TenantSettingsContext = createContext<{ settings: Settings | null; refresh(): void }>({ settings: null, refresh: () => undefined });

/** The signed-in tenant's limits and feature switch, read once per page load and on demand. */
export function TenantSettingsProvider({ children }: { children: ReactNode }) {
  const [{ data }, refresh] = useQuery({ query: TenantSettingsDocument });
  return (
    <TenantSettingsContext.Provider value={{ settings: data?.tenantSettings ?? null, refresh: () => refresh({ requestPolicy: 'network-only' }) }}>
      {children}
    </TenantSettingsContext.Provider>
  );
}

export function useTenantSettings() {
  return useContext(TenantSettingsContext);
}
