import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { queryLimitErrors } from './query-limits';

const schema = buildSchema(`
  type Query { run(id: ID!): Run  runs(first: Int): RunConnection!  widgets: [Widget!]! }
  type Run { id: ID!  parent: Run  cases(first: Int, after: String): CaseConnection!  widget: Widget }
  type RunConnection { edges: [RunEdge!]!  totalCount: Int! }
  type RunEdge { node: Run! }
  type CaseConnection { edges: [CaseEdge!]!  totalCount: Int! }
  type CaseEdge { node: Case! }
  type Case { id: ID!  name: String! }
  union Widget = Demo | Http
  type Demo { id: ID! }
  type Http { id: ID!  url: String! }
`);

const limits = { maxDepth: 12, maxCost: 20_000 };
const errors = (query: string, variables?: Record<string, unknown>, overrides = {}) =>
  queryLimitErrors(schema, parse(query), { ...limits, ...overrides }, variables).map((e) => e.message);
const nested = (levels: number) => `{ run(id: "r") { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } }`;

describe('depth limit', () => {
  it('counts field nesting and names both numbers', () => {
    expect(errors(nested(10))).toEqual([]); // run + 10 parents + id = 12
    expect(errors(nested(11))).toEqual(['query depth 13 exceeds the maximum of 12']);
  });

  it('counts through named and inline fragments', () => {
    const query = `query { run(id: "r") { ...P } }
      fragment P on Run { parent { ... on Run { parent { ...Q } } } }
      fragment Q on Run { parent { id } }`;
    expect(errors(query, undefined, { maxDepth: 4 })).toEqual(['query depth 5 exceeds the maximum of 4']);
  });

  it('lets the standard introspection query through, but not a deep introspection cycle', () => {
    expect(errors(getIntrospectionQuery())).toEqual([]);
    const cycle = `{ __schema { types { ${'fields { type { '.repeat(6)}name${' } }'.repeat(6)} } } }`;
    expect(errors(cycle)).toEqual(['query depth 15 exceeds the maximum of 12']);
  });

  it('measures fragments spread into each other many times in linear time', () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Run { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const query = `{ run(id: "r") { ...F0 } } ${fragments} fragment F40 on Run { id }`;
    const started = Date.now();
    // 2^40 copies of \`id\` after expansion: shallow, but the cost rule catches it, also in linear time.
    expect(errors(query)).toEqual([`query cost ${2 ** 40 + 1} exceeds the maximum of 20000`]);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('cost limit', () => {
  it('multiplies by first, from literals and variables', () => {
    const query = 'query($n: Int) { runs(first: $n) { edges { node { cases(first: 50) { edges { node { id name } } } } } } }';
    // runs 1 + n x (edges 1 + node 1 + cases 1 + 50 x (edges 1 + node 1 + id 1 + name 1)) = 1 + 203n
    expect(errors(query, { n: 98 })).toEqual([]);
    expect(errors(query, { n: 99 })).toEqual(['query cost 20098 exceeds the maximum of 20000']);
  });

  it('assumes 20 for a connection without first, and caps huge page sizes', () => {
    expect(errors('{ runs { edges { node { id } } } }', undefined, { maxCost: 60 })).toEqual(['query cost 61 exceeds the maximum of 60']);
    expect(errors('{ runs(first: 100000000) { totalCount } }', undefined, { maxCost: 1000 })).toEqual(['query cost 1001 exceeds the maximum of 1000']);
  });

  it('adds every branch of inline fragments on unions', () => {
    expect(errors('{ widgets { ... on Demo { id } ... on Http { id url } } }', undefined, { maxCost: 3 })).toEqual(['query cost 4 exceeds the maximum of 3']);
  });
});
