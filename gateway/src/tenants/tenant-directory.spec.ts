import { cachedTenantDirectory, type TenantDirectory } from './tenant-directory';

describe('cachedTenantDirectory', () => {
  it('asks once per tenant within the TTL, shares concurrent lookups, and does not cache failures', async () => {
    let now = 0;
    const calls: string[] = [];
    let failNext = false;
    const inner: TenantDirectory = {
      async get(tenantId) {
        calls.push(tenantId);
        if (failNext) {
          failNext = false;
          throw new Error('orchestrator down');
        }
        return { exists: true, simulationsEnabled: true };
      },
    };
    const directory = cachedTenantDirectory(inner, 1000, () => now);
    await Promise.all([directory.get('acme'), directory.get('acme')]);
    await directory.get('acme');
    expect(calls).toEqual(['acme']);
    now = 1500;
    failNext = true;
    await expect(directory.get('acme')).rejects.toThrow('orchestrator down');
    await expect(directory.get('acme')).resolves.toEqual({ exists: true, simulationsEnabled: true });
    expect(calls).toEqual(['acme', 'acme', 'acme']);
  });
});
