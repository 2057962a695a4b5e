import { describeGenerationSourcesApi } from './generation-sources.api';
import { startSeededDistributedStack } from './support/distributed';

jest.setTimeout(240_000);

describeGenerationSourcesApi('distributed: separate processes, PostgreSQL and Kafka', () => startSeededDistributedStack('sim_e2e_sources'));
