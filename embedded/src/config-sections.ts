import type { ConfigDefinition } from '@sim/config';
import { gatewayConfigDefinition } from '@sim/gateway';
import { llmConfigDefinition } from '@sim/llm';
import { evaluationConfigDefinition } from '@sim/service-evaluation/config';
import { generationJobsConfigDefinition } from '@sim/service-generation/config';
import { orchestratorConfigDefinition } from '@sim/service-orchestrator/config';
import { simulationConfigDefinition } from '@sim/service-simulation/config';
import { serviceConfigDefinition } from '@sim/subgraph';
import { webConfigDefinition } from '@sim/web';
import { embeddedConfigDefinition } from './embedded.config';

/** A service's own variables: the LLM library's, which it also reads, get a section of their own. */
function withoutLlm(definition: ConfigDefinition): ConfigDefinition {
  const llmVariables = new Set(Object.values(llmConfigDefinition).map((spec) => spec.env));
  return Object.fromEntries(Object.entries(definition).filter(([, spec]) => !llmVariables.has(spec.env)));
}

/** Every process's configuration, as the README documents it. */
export const configSections: { title: string; definition: ConfigDefinition }[] = [
  { title: 'Embedded default (`npm start`)', definition: embeddedConfigDefinition },
  { title: 'Gateway (also read by `npm start`)', definition: gatewayConfigDefinition },
  { title: 'Each service in distributed mode (`PORT` defaults to 4101-4105)', definition: serviceConfigDefinition(4101) },
  { title: 'LLM engines (read by simulation and evaluation; unset `LLM_BASE_URL` = the offline engine)', definition: llmConfigDefinition },
  { title: 'Orchestrator (test runs)', definition: orchestratorConfigDefinition },
  { title: 'Simulation (chat widgets and conversations)', definition: withoutLlm(simulationConfigDefinition) },
  { title: 'Evaluation (the judge)', definition: withoutLlm(evaluationConfigDefinition) },
  { title: 'Generation (test cases generated with AI)', definition: withoutLlm(generationJobsConfigDefinition) },
  { title: 'Web app as its own process (`web/server/main.ts`; `npm start` uses `WEB_PORT` only)', definition: webConfigDefinition },
];
