/**
 * The benchmark's agent and model servers in a process of their own, so the platform's
 * measured time and memory are its own. Driven over IPC by `scenario-client.ts`.
 */
import { startScenario, type Scenario, type ScenarioOptions } from './scenario';

type Request = { type: 'start'; options: ScenarioOptions } | { type: 'calls' } | { type: 'stop' };

let scenario: Scenario | undefined;

process.on('message', (request: Request) => {
  void (async () => {
    if (request.type === 'start') {
      scenario = await startScenario(request.options);
      process.send!({ type: 'started', llmUrl: scenario.llmUrl, agentUrl: scenario.agentUrl, criticalPathMs: scenario.criticalPathMs });
    } else if (request.type === 'calls') {
      process.send!({ type: 'calls', calls: [...(scenario?.calls ?? new Map()).entries()] });
    } else {
      await scenario?.close();
      process.exit(0);
    }
  })();
});

// A measurement that failed exits without stopping its servers: the IPC channel closing with
// it is the signal to go too, rather than linger and hold the caller's output open.
process.on('disconnect', () => process.exit(0));
