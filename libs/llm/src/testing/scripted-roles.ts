import { OfflineJudge, OfflineSimulatedCustomer } from '../offline';
import { parsePayload, payloadTranscript } from '../openai/conversation-payload';
import { CUSTOMER_SCHEMA_NAME } from '../openai/openai-customer';
import { JUDGE_SCHEMA_NAME } from '../openai/openai-judge';
import { badRequest, completion, jsonCompletion, type FakeHandler, type FakeResponse } from './fake-openai';

export interface ScriptedRolesOptions {
  /** Answer for requests that are not a role call (e.g. an OPENAI agent connector's chat); default a fixed line. */
  chat?: (body: any, requestNumber: number) => FakeResponse | Promise<FakeResponse>;
  usage?: { promptTokens?: number; completionTokens?: number };
}

/**
 * A fake model that plays the simulated customer and the judge: it recognises the role by
 * the json_schema name and answers with what the offline engine would do for the case and
 * transcript in the prompt, so distributed tests can run whole conversations in openai mode.
 */
export function scriptedRolesHandler(options: ScriptedRolesOptions = {}): FakeHandler {
  const customer = new OfflineSimulatedCustomer();
  const judge = new OfflineJudge();
  return async (body, requestNumber) => {
    const schemaName: string | undefined = body?.response_format?.json_schema?.name;
    if (schemaName !== CUSTOMER_SCHEMA_NAME && schemaName !== JUDGE_SCHEMA_NAME) {
      return options.chat ? options.chat(body, requestNumber) : completion('Thanks for your message. How can I help?', options.usage);
    }
    const lastUser = [...(body.messages ?? [])].reverse().find((m: any) => m.role === 'user');
    const payload = parsePayload(String(lastUser?.content ?? ''));
    if (!payload) return badRequest('scripted roles: the prompt carries no <conversation> payload');
    const transcript = payloadTranscript(payload);
    const context = { tenantId: 'fake' };
    if (schemaName === CUSTOMER_SCHEMA_NAME) {
      const turn = await customer.nextTurn({ testCase: payload.testCase, transcript, maxTurns: payload.maxTurns ?? 12 }, context);
      return jsonCompletion(
        turn.kind === 'say' ? { action: 'say', text: turn.text, reason: 'none' } : { action: 'end', text: turn.text ?? '', reason: turn.reason },
        options.usage,
      );
    }
    const verdict = await judge.judge({ testCase: payload.testCase, transcript, endedBy: payload.endedBy ?? 'customer' }, context);
    const answer = (kind: string) =>
      verdict.criteria.filter((c) => c.kind === kind).map((c) => ({ criterion: c.criterion, met: c.met, score: c.score, reasoning: c.reasoning }));
    return jsonCompletion(
      { user_criteria: answer('USER'), agent_criteria: answer('AGENT'), overall_score: verdict.score, summary: verdict.summary, simulator_error: verdict.simulatorError },
      options.usage,
    );
  };
}
