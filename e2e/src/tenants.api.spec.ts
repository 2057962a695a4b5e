/**
 * What platform admins and tenant users notice about tenants and their limits, through the
 * gateway of the embedded default (PGlite, the in-process bus, seeded like `npm start`).
 */
import { randomUUID } from 'node:crypto';
import type { Subscription } from '@sim/bus';
import { decode, Topics } from '@sim/contracts';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@sim/embedded';
import { callerFor, type Caller } from './support/graphql-client';
import { eventually } from './support/eventually';

jest.setTimeout(120_000);

const SETTINGS = 'tenantId simulationsEnabled maxActiveRuns maxCasesPerRun defaultMaxTurns';
const CREATE = `mutation($input: CreateTenantInput!) { createTenant(input: $input) { id name createdAt settings { ${SETTINGS} } } }`;
const UPDATE = `mutation($tenantId: ID!, $input: TenantSettingsInput!) { updateTenantSettings(tenantId: $tenantId, input: $input) { ${SETTINGS} } }`;

interface SettingsMessage {
  key: string;
  tenantId: string;
  simulationsEnabled: boolean;
  maxActiveRuns: number;
  maxCasesPerRun: number;
  defaultMaxTurns: number;
  version: number;
}

describe('Tenants and limits through the gateway (embedded default)', () => {
  let platform: EmbeddedPlatform;
  let platformAdmin: Caller;
  let acmeAdmin: Caller;
  let acmeEditor: Caller;
  let subscription: Subscription;
  const published: SettingsMessage[] = [];
  /** A tenant id no other run of this file has used. */
  const newTenantId = `t-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform({ gatewayPort: 0, seedDemo: true, env: { ...process.env, GATEWAY_HOST: '127.0.0.1' } });
    const url = platform.gateway.url;
    platformAdmin = await callerFor(url, platform.jwtSecret, 'platform', 'pat.platform', ['platform-admin']);
    acmeAdmin = await callerFor(url, platform.jwtSecret, 'acme', 'alex.admin', ['admin']);
    acmeEditor = await callerFor(url, platform.jwtSecret, 'acme', 'erin.editor', ['editor']);
    subscription = await platform.bus.subscribe({
      groupId: `e2e-tenant-settings-${randomUUID()}`,
      topics: [Topics.tenantsSettings],
      fromBeginning: true,
      handler: async (message) => {
        const settings = decode(Topics.tenantsSettings, message.value);
        published.push({
          key: message.key,
          tenantId: settings.tenantId,
          simulationsEnabled: settings.simulationsEnabled,
          maxActiveRuns: settings.maxActiveRuns,
          maxCasesPerRun: settings.maxCasesPerRun,
          defaultMaxTurns: settings.defaultMaxTurns,
          version: Number(settings.version),
        });
      },
    });
  });

  afterAll(async () => {
    await subscription?.close();
    await platform?.close();
  });

  const listTenantIds = async () => {
    const result = await platformAdmin(`{ tenants { id } }`);
    expect(result.errors).toBeUndefined();
    return result.data!.tenants.map((t: { id: string }) => t.id) as string[];
  };

  it('lists every tenant, with its settings, to a platform admin', async () => {
    const result = await platformAdmin(`{ tenants { id name settings { ${SETTINGS} } } }`);
    expect(result.errors).toBeUndefined();
    const tenants = result.data!.tenants as { id: string; name: string; settings: { tenantId: string } }[];
    expect(tenants.map((t) => t.id)).toEqual(expect.arrayContaining(['platform', 'acme', 'globex']));
    expect(tenants.find((t) => t.id === 'acme')).toMatchObject({ name: 'Acme Outdoor Store', settings: { tenantId: 'acme', simulationsEnabled: true } });
    for (const tenant of tenants) expect(tenant.settings.tenantId).toBe(tenant.id);
  });

  it('creates a tenant with the default limits, announces it on tenants.settings, and lets its users in', async () => {
    const result = await platformAdmin(CREATE, { input: { id: newTenantId, name: '  Initech  ' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createTenant).toMatchObject({
      id: newTenantId,
      name: 'Initech',
      settings: { tenantId: newTenantId, simulationsEnabled: true, maxActiveRuns: 3, maxCasesPerRun: 200, defaultMaxTurns: 12 },
    });
    expect(Number.isNaN(Date.parse(result.data!.createTenant.createdAt))).toBe(false);
    expect(await listTenantIds()).toContain(newTenantId);

    const announced = await eventually(async () => published.filter((m) => m.tenantId === newTenantId), (list) => list.length > 0);
    expect(announced[0]).toEqual({
      key: newTenantId,
      tenantId: newTenantId,
      simulationsEnabled: true,
      maxActiveRuns: 3,
      maxCasesPerRun: 200,
      defaultMaxTurns: 12,
      version: 1,
    });

    const user = await callerFor(platform.gateway.url, platform.jwtSecret, newTenantId, 'ivy.viewer', ['viewer']);
    const own = await user(`{ tenantSettings { ${SETTINGS} } }`);
    expect(own.errors).toBeUndefined();
    expect(own.data!.tenantSettings).toEqual({ tenantId: newTenantId, simulationsEnabled: true, maxActiveRuns: 3, maxCasesPerRun: 200, defaultMaxTurns: 12 });
  });

  it('creates a tenant with the limits given', async () => {
    const id = `${newTenantId}-custom`;
    const result = await platformAdmin(CREATE, { input: { id, name: 'Custom limits', maxActiveRuns: 0, maxCasesPerRun: 1000, defaultMaxTurns: 2, simulationsEnabled: false } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createTenant.settings).toEqual({ tenantId: id, simulationsEnabled: false, maxActiveRuns: 0, maxCasesPerRun: 1000, defaultMaxTurns: 2 });
  });

  it('refuses a duplicate id, a bad id and out-of-range limits with BAD_USER_INPUT naming the field, creating nothing', async () => {
    const before = await listTenantIds();

    const duplicate = await platformAdmin(CREATE, { input: { id: 'acme', name: 'Acme again' } });
    expect(duplicate.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(duplicate.errors![0].message).toMatch(/already exists/);

    const badId = await platformAdmin(CREATE, { input: { id: 'Bad Id!', name: 'Bad' } });
    expect(badId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

    const limits = await platformAdmin(CREATE, { input: { id: `${newTenantId}-limits`, name: 'Limits', maxActiveRuns: -1, maxCasesPerRun: 5000 } });
    expect(limits.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(limits.errors![0].extensions!.fieldErrors!.map((e) => e.field)).toEqual(['maxActiveRuns', 'maxCasesPerRun']);

    const blankName = await platformAdmin(CREATE, { input: { id: `${newTenantId}-blank`, name: '   ' } });
    expect(blankName.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });

    expect(await listTenantIds()).toEqual(before);
    const acme = await platformAdmin(`{ tenants { id name } }`);
    expect(acme.data!.tenants.find((t: { id: string }) => t.id === 'acme').name).toBe('Acme Outdoor Store');
  });

  it('changes only the settings given, shows them to the tenant and announces them on tenants.settings', async () => {
    const id = `${newTenantId}-update`;
    expect((await platformAdmin(CREATE, { input: { id, name: 'To update' } })).errors).toBeUndefined();

    const first = await platformAdmin(UPDATE, { tenantId: id, input: { maxActiveRuns: 7 } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateTenantSettings).toEqual({ tenantId: id, simulationsEnabled: true, maxActiveRuns: 7, maxCasesPerRun: 200, defaultMaxTurns: 12 });

    const second = await platformAdmin(UPDATE, { tenantId: id, input: { defaultMaxTurns: 30, simulationsEnabled: null } });
    expect(second.errors).toBeUndefined();
    expect(second.data!.updateTenantSettings).toEqual({ tenantId: id, simulationsEnabled: true, maxActiveRuns: 7, maxCasesPerRun: 200, defaultMaxTurns: 30 });

    const admin = await callerFor(platform.gateway.url, platform.jwtSecret, id, 'tina.admin', ['admin']);
    const seen = await admin(`{ tenantSettings { ${SETTINGS} } }`);
    expect(seen.data!.tenantSettings).toEqual(second.data!.updateTenantSettings);

    // The topic is compacted: a reader that falls behind gets only a key's newest version, so
    // it may never see an intermediate one. What it sees comes in order, each version as it was.
    const versions = new Map([
      [1, { maxActiveRuns: 3, defaultMaxTurns: 12 }],
      [2, { maxActiveRuns: 7, defaultMaxTurns: 12 }],
      [3, { maxActiveRuns: 7, defaultMaxTurns: 30 }],
    ]);
    const announced = await eventually(async () => published.filter((m) => m.tenantId === id), (list) => list.some((m) => m.version === 3));
    const order = announced.map((m) => m.version);
    expect(order).toEqual([...new Set(order)].sort((a, b) => a - b));
    expect(order[order.length - 1]).toBe(3);
    for (const { version, maxActiveRuns, defaultMaxTurns } of announced) expect({ maxActiveRuns, defaultMaxTurns }).toEqual(versions.get(version));
    expect(announced.every((m) => m.key === id && m.maxCasesPerRun === 200 && m.simulationsEnabled)).toBe(true);
  });

  it('refuses out-of-range settings naming each field, and changes nothing', async () => {
    const before = await acmeAdmin(`{ tenantSettings { ${SETTINGS} } }`);
    const result = await platformAdmin(UPDATE, { tenantId: 'acme', input: { maxActiveRuns: 101, maxCasesPerRun: 0, defaultMaxTurns: 1 } });
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions!.fieldErrors!.map((e) => e.field)).toEqual(['maxActiveRuns', 'maxCasesPerRun', 'defaultMaxTurns']);
    expect((await acmeAdmin(`{ tenantSettings { ${SETTINGS} } }`)).data).toEqual(before.data);
  });

  it('answers NOT_FOUND for the settings of a tenant that does not exist', async () => {
    const result = await platformAdmin(UPDATE, { tenantId: 'no-such-tenant', input: { maxActiveRuns: 1 } });
    expect(result.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect(await listTenantIds()).not.toContain('no-such-tenant');
  });

  it('refuses tenant administration to tenant admins and editors with FORBIDDEN, changing nothing', async () => {
    const before = await acmeAdmin(`{ tenantSettings { ${SETTINGS} } }`);
    for (const caller of [acmeAdmin, acmeEditor]) {
      const attempts = await Promise.all([
        caller(`{ tenants { id } }`),
        caller(CREATE, { input: { id: `${newTenantId}-sneaky`, name: 'Sneaky' } }),
        caller(UPDATE, { tenantId: 'acme', input: { maxActiveRuns: 100 } }),
        caller(UPDATE, { tenantId: 'globex', input: { simulationsEnabled: false } }),
      ]);
      for (const [i, result] of attempts.entries()) {
        expect([i, result.errors?.[0]?.extensions?.code]).toEqual([i, 'FORBIDDEN']);
        expect(result.data ?? null).toBeNull();
      }
    }
    expect(await listTenantIds()).not.toContain(`${newTenantId}-sneaky`);
    expect((await acmeAdmin(`{ tenantSettings { ${SETTINGS} } }`)).data).toEqual(before.data);
    const globex = await platformAdmin(`{ tenants { id settings { simulationsEnabled } } }`);
    expect(globex.data!.tenants.find((t: { id: string }) => t.id === 'globex').settings.simulationsEnabled).toBe(true);
  });

  it("shows each caller its own tenant's settings", async () => {
    const acme = await acmeEditor(`{ tenantSettings { ${SETTINGS} } }`);
    expect(acme.errors).toBeUndefined();
    expect(acme.data!.tenantSettings.tenantId).toBe('acme');
    const globex = await (await callerFor(platform.gateway.url, platform.jwtSecret, 'globex', 'gina.editor', ['editor']))(`{ tenantSettings { tenantId } }`);
    expect(globex.data!.tenantSettings.tenantId).toBe('globex');
  });

  it('refuses a token for a tenant that does not exist with FORBIDDEN saying so', async () => {
    const ghost = await callerFor(platform.gateway.url, platform.jwtSecret, 'nowhere-inc', 'nora', ['admin']);
    for (const query of [`{ tenantSettings { tenantId } }`, `{ testCases { totalCount } }`]) {
      const result = await ghost(query);
      expect(result.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/tenant "nowhere-inc" does not exist/) });
      expect(result.data ?? null).toBeNull();
    }
  });
});
