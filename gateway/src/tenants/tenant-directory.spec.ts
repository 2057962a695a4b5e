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
    await expect(directory.get('globex')).rejects.toThrow('orchestrator down');
    await expect(directory.get('globex')).resolves.toEqual({ exists: true, simulationsEnabled: true });
    expect(calls).toEqual(['acme', 'globex', 'globex']);
  });

  it('serves the last answer while the orchestrator fails, for a while, and asks again next time', async () => {
    let now = 0;
    let down = false;
    let enabled = true;
    const calls: number[] = [];
    const inner: TenantDirectory = {
      async get() {
        calls.push(now);
        if (down) throw new Error('orchestrator down');
        return { exists: true, simulationsEnabled: enabled };
      },
    };
    const directory = cachedTenantDirectory(inner, 1000, () => now, 10_000);
    await directory.get('acme');
    down = true;
    now = 2000;
    await expect(directory.get('acme')).resolves.toEqual({ exists: true, simulationsEnabled: true });
    now = 3000;
    await expect(directory.get('acme')).resolves.toEqual({ exists: true, simulationsEnabled: true });
    expect(calls).toEqual([0, 2000, 3000]);
    // Too old to trust: the failure shows.
    now = 20_000;
    await expect(directory.get('acme')).rejects.toThrow('orchestrator down');
    // Back up: fresh answers again.
    down = false;
    enabled = false;
    await expect(directory.get('acme')).resolves.toEqual({ exists: true, simulationsEnabled: false });
  });
});
