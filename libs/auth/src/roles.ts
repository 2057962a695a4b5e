/** Roles as API.md names them. A tenant admin can do what an editor can, an editor what a viewer can. */
export const Roles = ['viewer', 'editor', 'admin', 'platform-admin'] as const;
export type Role = (typeof Roles)[number];

export interface Principal {
  tenantId: string;
  userId: string;
  roles: Role[];
}

const implied: Record<Role, Role[]> = {
  viewer: ['viewer'],
  editor: ['editor', 'viewer'],
  admin: ['admin', 'editor', 'viewer'],
  // A platform admin manages every tenant's limits, and is a tenant admin in its own tenant.
  'platform-admin': ['platform-admin', 'admin', 'editor', 'viewer'],
};

export function isRole(value: string): value is Role {
  return (Roles as readonly string[]).includes(value);
}

export function hasRole(principal: Pick<Principal, 'roles'>, role: Role): boolean {
  return principal.roles.some((held) => implied[held]?.includes(role));
}

/** Tenant ids travel in headers, URLs and SQL settings: keep them to a safe alphabet. */
export const IDENTIFIER_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER_PATTERN.test(value);
}

/** User ids come from identity providers (emails, `auth0|123`, UUIDs): printable, no separators we use. */
export const USER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@|:+-]{0,127}$/;

export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && USER_ID_PATTERN.test(value);
}
