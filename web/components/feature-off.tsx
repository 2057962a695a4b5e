'use client';

import type { ReactNode } from 'react';
import { useTenantSettings } from '../lib/tenant-settings';

/** The Testing section needs Conversation Simulations switched on for the tenant. */
export function RequiresSimulations({ children }: { children: ReactNode }) {
  const { settings } = useTenantSettings();
  if (settings && !settings.simulationsEnabled) {
    return (
      <div className="notice notice-warn" role="note">
        <h2>Conversation Simulations is off for your organisation</h2>
        <p>A platform admin can switch it on under Admin; otherwise contact your customer success manager.</p>
      </div>
    );
  }
  return <>{children}</>;
}
