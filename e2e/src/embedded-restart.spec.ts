/**
 * `npm start` keeps its data in DATA_DIR: what a user created is there after a restart, and
 * the demo seed runs only on the first start, never over the user's data.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@sim/embedded';
import { callerFor } from './support/graphql-client';
import { sampleInput } from './test-cases.api';

jest.setTimeout(120_000);

const CASE_FIELDS = 'id name toneOfVoice behaviour personaFacts { name value } successCriteria language agentCriteria type intent source { kind ref } createdAt updatedAt';

describe('embedded default restarted on the same data directory', () => {
  let dataDir: string;
  let platform: EmbeddedPlatform | undefined;

  const start = () => startEmbeddedPlatform({ dataDir, gatewayPort: 0, seedDemo: true, env: { ...process.env, GATEWAY_HOST: '127.0.0.1' } });
  const acmeEditor = (p: EmbeddedPlatform) => callerFor(p.gateway.url, p.jwtSecret, 'acme', 'erin.editor', ['editor']);
  const platformAdmin = (p: EmbeddedPlatform) => callerFor(p.gateway.url, p.jwtSecret, 'platform', 'pat.platform', ['platform-admin']);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sim-embedded-restart-'));
  });

  afterAll(async () => {
    await platform?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps cases and settings across a restart and does not seed the demo again', async () => {
    platform = await start();
    expect(platform.seeded).toEqual(['platform', 'acme', 'globex']);
    expect((await readdir(dataDir)).length).toBeGreaterThan(0);

    const acme = await acmeEditor(platform);
    const created = await acme(`mutation($input: TestCaseInput!) { createTestCase(input: $input) { ${CASE_FIELDS} } }`, {
      input: { ...sampleInput, name: 'Survives a restart' },
    });
    expect(created.errors).toBeUndefined();
    const testCase = created.data!.createTestCase;
    const admin = await platformAdmin(platform);
    const changed = await admin(`mutation { updateTenantSettings(tenantId: "globex", input: { maxActiveRuns: 9 }) { maxActiveRuns } }`);
    expect(changed.data!.updateTenantSettings.maxActiveRuns).toBe(9);
    const before = await acme(`{ testCases(first: 100) { totalCount edges { node { id name } } } }`);
    const totalBefore: number = before.data!.testCases.totalCount;
    expect(totalBefore).toBeGreaterThanOrEqual(13); // the demo dozen and ours
    const tenantsBefore = (await admin(`{ tenants { id name } }`)).data!.tenants;
    await platform.close();
    platform = undefined;

    platform = await start();
    expect(platform.seeded).toEqual([]);
    const acmeAgain = await acmeEditor(platform);
    const read = await acmeAgain(`query($id: ID!) { testCase(id: $id) { ${CASE_FIELDS} } }`, { id: testCase.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.testCase).toEqual(testCase);
    const after = await acmeAgain(`{ testCases(first: 100) { totalCount edges { node { id name } } } }`);
    expect(after.data!.testCases.totalCount).toBe(totalBefore);
    expect(after.data!.testCases.edges).toEqual(before.data!.testCases.edges);
    // The demo's product example is there once, not twice.
    const names: string[] = after.data!.testCases.edges.map((e: { node: { name: string } }) => e.node.name);
    expect(names.filter((n) => n === 'Where is my order? — Standard tracked delivery')).toHaveLength(1);

    const adminAgain = await platformAdmin(platform);
    expect((await adminAgain(`{ tenants { id name } }`)).data!.tenants).toEqual(tenantsBefore);
    const globex = await callerFor(platform.gateway.url, platform.jwtSecret, 'globex', 'gina.editor', ['editor']);
    const settings = await globex(`{ tenantSettings { maxActiveRuns } testCases { totalCount } }`);
    expect(settings.data).toEqual({ tenantSettings: { maxActiveRuns: 9 }, testCases: { totalCount: 0 } });

    // Still writable after the restart.
    const second = await acmeAgain(`mutation($input: TestCaseInput!) { createTestCase(input: $input) { id } }`, { input: { ...sampleInput, name: 'After the restart' } });
    expect(second.errors).toBeUndefined();
    expect((await acmeAgain(`{ testCases { totalCount } }`)).data!.testCases.totalCount).toBe(totalBefore + 1);
  });
});
