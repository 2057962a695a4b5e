import { buildSchema, getOperationAST, parse, print, type GraphQLError } from 'graphql';
import { planRequery, type RequeryPlan } from './requery-plan';
import { defaultSubscriptionRegistry } from './subscription-registry';

const schema = buildSchema(`
  type Query { testRun(id: ID!): TestRun  lastRun: TestRun }
  type Subscription { testRunUpdated(id: ID!): TestRun!  lastRunUpdated: TestRun!  other: String }
  type TestRun { id: ID!  name: String!  cases(first: Int): [String!]! }
`);

function plan(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const document = parse(query);
  return planRequery(schema, document, getOperationAST(document, operationName)!, variables, defaultSubscriptionRegistry);
}

describe('planRequery', () => {
  it('re-queries the selection on the mapped query field under the subscription response key', () => {
    const result = plan(
      `subscription Watch($run: ID!, $n: Int, $unused: String) { update: testRunUpdated(id: $run) { ...Fields cases(first: $n) } }
       fragment Fields on TestRun { id name }
       fragment NotUsedHere on TestRun { id }
       query Other($unused: String!) { testRun(id: $unused) { ...NotUsedHere } }`,
      { run: 'run-1', n: 5, unused: 'x' },
      'Watch',
    ) as RequeryPlan;
    expect(result.args).toEqual({ id: 'run-1' });
    expect(result.request.variables).toEqual({ n: 5, sub_id: 'run-1' });
    expect(result.request.operationName).toBe('Watch');
    expect(result.request.query).toBe(
      print(parse(`query Watch($n: Int, $sub_id: ID!) { update: testRun(id: $sub_id) { ...Fields cases(first: $n) } }
        fragment Fields on TestRun { id name }`)),
    );
  });

  it('maps an argument-less subscription to its query field', () => {
    const result = plan('subscription { lastRunUpdated { id } }') as RequeryPlan;
    expect(result.request.query).toBe(print(parse('{ lastRunUpdated: lastRun { id } }')));
  });

  it('refuses a subscription field with no registry entry, naming it', () => {
    const [error] = plan('subscription { other }') as GraphQLError[];
    expect(error!.message).toContain('subscription "other" is not available');
    expect(error!.extensions['code']).toBe('BAD_USER_INPUT');
  });

  it('reports bad variables as bad input', () => {
    const [error] = plan('subscription($id: ID!) { testRunUpdated(id: $id) { id } }', {}) as GraphQLError[];
    expect(error!.extensions['code']).toBe('BAD_USER_INPUT');
  });
});
