import type { Principal } from '@sim/auth';

/**
 * Users exist only as claims in tokens (the identity provider owns them); these are the
 * demo ones the embedded default prints tokens for, one per role.
 */
export const demoUsers: (Principal & { label: string })[] = [
  { label: 'acme tenant admin', tenantId: 'acme', userId: 'alex.admin', roles: ['admin'] },
  { label: 'acme editor', tenantId: 'acme', userId: 'erin.editor', roles: ['editor'] },
  { label: 'acme viewer', tenantId: 'acme', userId: 'victor.viewer', roles: ['viewer'] },
  { label: 'globex editor', tenantId: 'globex', userId: 'gina.editor', roles: ['editor'] },
  { label: 'platform admin', tenantId: 'platform', userId: 'pat.platform', roles: ['platform-admin'] },
];

export const demoTenants = [
  { id: 'platform', name: 'Platform operators' },
  { id: 'acme', name: 'Acme Outdoor Store' },
  { id: 'globex', name: 'Globex Corporation' },
];
