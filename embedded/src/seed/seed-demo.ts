import { signDevToken, type Principal } from '@sim/auth';
import { demoTestCases } from '@sim/service-simulation/demo-test-pack';
import { seedDemoSources } from './demo-sources';
import { demoTenants, demoUsers } from './demo-users';

interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Seeds through the public API, as a platform admin and an editor would: the demo data
 * goes through the same validation, events and isolation as anyone's.
 * Idempotent: a tenant that exists already is left as it is.
 */
export async function seedDemo(gatewayUrl: string, jwtSecret: string): Promise<{ created: string[] }> {
  const call = async <T>(principal: Principal, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> => {
    const token = await signDevToken(principal, { secret: jwtSecret, expiresIn: '5m' });
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
  const admin = demoUsers.find((u) => u.roles.includes('platform-admin'))!;
  const existing = await call<{ tenants: { id: string }[] }>(admin, '{ tenants { id } }');
  if (!existing.data) throw new Error(`seeding: cannot list tenants: ${existing.errors?.[0]?.message}`);
  const known = new Set(existing.data.tenants.map((t) => t.id));
  const created: string[] = [];
  for (const tenant of demoTenants) {
    if (known.has(tenant.id)) continue;
    const result = await call(admin, 'mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }', { input: tenant });
    if (result.errors) throw new Error(`seeding tenant ${tenant.id}: ${result.errors[0].message}`);
    created.push(tenant.id);
    if (tenant.id === 'acme') await seedAcme(call);
  }
  return { created };
}

async function seedAcme(call: (p: Principal, q: string, v?: Record<string, unknown>) => Promise<GraphQLResponse<unknown>>) {
  const editor = demoUsers.find((u) => u.tenantId === 'acme' && u.roles.includes('editor'))!;
  // Oldest first, so the list (newest first) opens on PRODUCT.md's example.
  for (const input of [...demoTestCases].reverse()) {
    const result = await call(editor, 'mutation($input: TestCaseInput!) { createTestCase(input: $input) { id } }', { input });
    if (result.errors) throw new Error(`seeding test case "${input.name}": ${result.errors[0].message}`);
  }
  // The built-in demo store agent, so a first run needs nothing outside the platform.
  const widget = await call(editor, 'mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id } }', {
    input: { name: DEMO_WIDGET_NAME, connector: 'DEMO' },
  });
  if (widget.errors) throw new Error(`seeding the demo chat widget: ${widget.errors[0].message}`);
  await seedDemoSources((query, variables) => call(editor, query, variables));
}

export const DEMO_WIDGET_NAME = 'Demo Store Assistant';
