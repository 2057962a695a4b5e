import { startEmbeddedPlatform } from '@sim/embedded';
import { describeTestCasesApi } from './test-cases.api';
import { SnapshotWatcher } from './support/snapshot-watcher';

jest.setTimeout(120_000);

// The embedded default: one process, PGlite, the in-process bus, seeded like `npm start`.
describeTestCasesApi('embedded default: PGlite and the in-process bus', async () => {
  const platform = await startEmbeddedPlatform({ gatewayPort: 0, seedDemo: true, env: { ...process.env, GATEWAY_HOST: '127.0.0.1' } });
  const watcher = new SnapshotWatcher(platform.bus);
  await watcher.start();
  return {
    gatewayUrl: platform.gateway.url,
    jwtSecret: platform.jwtSecret,
    waitForSnapshot: (id, version, timeoutMs) => watcher.waitFor(id, version, timeoutMs),
    async close() {
      await watcher.stop();
      await platform.close();
    },
  };
});
