import { eventually } from './eventually';
import type { Caller, GraphQLResult } from './graphql-client';

/**
 * Starts a run, asking again while the answer is NOT_FOUND: the orchestrator learns of a
 * test case or a chat widget created a moment ago from its snapshot topic, a moment later
 * (ADR 0024). Any other answer, a run or another error, comes back as it is.
 */
export function startWhenProjected(caller: Caller, input: Record<string, unknown>, fields = 'id', timeoutMs = 20_000): Promise<GraphQLResult> {
  return eventually(
    () => caller(`mutation StartRun($input: StartTestRunInput!) { startTestRun(input: $input) { ${fields} } }`, { input }),
    (result) => result.errors?.[0].extensions?.code !== 'NOT_FOUND',
    timeoutMs,
  );
}
