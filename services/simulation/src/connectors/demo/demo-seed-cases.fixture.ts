import type { CaseSpec } from '@sim/llm';
import { demoTestCases, type SeedTestCase } from './demo-test-pack';

/** The demo tenant's seed test cases, as the simulated customer and the judge see them. */
export type DemoSeedCase = SeedTestCase;

export const asCaseSpec = (seed: DemoSeedCase): CaseSpec => ({
  name: seed.name,
  toneOfVoice: seed.toneOfVoice,
  behaviour: seed.behaviour,
  personaFacts: seed.personaFacts,
  successCriteria: seed.successCriteria,
  agentCriteria: seed.agentCriteria ?? null,
  language: seed.language ?? 'en',
});

export const DEMO_SEED_CASES: DemoSeedCase[] = demoTestCases;
