import { startEmbeddedPlatform } from '@sim/embedded';
import { describeGenerationSourcesApi } from './generation-sources.api';

jest.setTimeout(120_000);

describeGenerationSourcesApi('embedded default', async () => {
  const platform = await startEmbeddedPlatform({ gatewayPort: 0, seedDemo: true, env: { ...process.env, GATEWAY_HOST: '127.0.0.1' } });
  return { gatewayUrl: platform.gateway.url, jwtSecret: platform.jwtSecret, close: () => platform.close() };
});
