import {
  getArgumentValues,
  getVariableValues,
  type GraphQLError,
  Kind,
  OperationTypeNode,
  parseType,
  print,
  validate,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { badUserInput, exposedInternalError } from '../errors/gateway-errors';
import type { SubscriptionArgs, SubscriptionEntry, SubscriptionRegistry } from './subscription-registry';

/** A subscription, turned into the query that fetches what it pushes. */
export interface RequeryPlan {
  field: string;
  entry: SubscriptionEntry;
  args: SubscriptionArgs;
  request: { query: string; variables: Record<string, unknown>; operationName?: string };
}

/**
 * Plans the query that re-fetches a subscription's result: the subscriber's selection set on
 * the registry's query field, under the subscription field's response key, so the query's
 * `data` is exactly the subscription's payload. The document must already be valid.
 */
export function planRequery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Readonly<Record<string, unknown>> | undefined,
  registry: SubscriptionRegistry,
): RequeryPlan | readonly GraphQLError[] {
  const fragments = fragmentMap(document);
  const fieldNode = rootField(operation.selectionSet, fragments);
  const subscriptionType = schema.getSubscriptionType();
  const fieldName = fieldNode?.name.value ?? '';
  const fieldDef = subscriptionType?.getFields()[fieldName];
  const entry = Object.prototype.hasOwnProperty.call(registry, fieldName) ? registry[fieldName] : undefined;
  if (!fieldNode || !fieldDef || !entry) {
    return [badUserInput(`subscription "${fieldName}" is not available: the gateway has no subscription registry entry for it`, { field: fieldName })];
  }

  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return coerced.errors.map((error) => badUserInput(error.message, {}, error.nodes));
  const args = getArgumentValues(fieldDef, fieldNode, coerced.coerced);

  const queryDef = schema.getQueryType()?.getFields()[entry.query.field];
  if (!queryDef) return [misconfigured(fieldName, `query field "${entry.query.field}" does not exist in the supergraph`)];

  const taken = new Set((operation.variableDefinitions ?? []).map((d) => d.variable.name.value));
  const generated: VariableDefinitionNode[] = [];
  const argumentNodes: ArgumentNode[] = [];
  const variables: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entry.query.args(args))) {
    const argDef = queryDef.args.find((arg) => arg.name === name);
    if (!argDef) return [misconfigured(fieldName, `query field "${entry.query.field}" has no argument "${name}"`)];
    const variable = freeName(`sub_${name}`, taken);
    generated.push({ kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } }, type: parseType(String(argDef.type)) });
    argumentNodes.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } } });
    variables[variable] = value;
  }

  const responseKey = fieldNode.alias?.value ?? fieldName;
  const selection: FieldNode = {
    kind: Kind.FIELD,
    alias: responseKey === entry.query.field ? undefined : { kind: Kind.NAME, value: responseKey },
    name: { kind: Kind.NAME, value: entry.query.field },
    arguments: argumentNodes,
    directives: fieldNode.directives,
    selectionSet: fieldNode.selectionSet,
  };
  const selectionSet: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [selection] };
  const usedFragments = reachableFragments(selectionSet, fragments);
  const usedVariables = variablesUsed([selectionSet, ...usedFragments]);
  const kept = (operation.variableDefinitions ?? []).filter((d) => usedVariables.has(d.variable.name.value));
  for (const definition of kept) {
    const name = definition.variable.name.value;
    if (rawVariables && name in rawVariables) variables[name] = rawVariables[name];
  }
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    name: operation.name,
    variableDefinitions: [...kept, ...generated],
    directives: [],
    selectionSet,
  };
  const queryDocument: DocumentNode = { kind: Kind.DOCUMENT, definitions: [query, ...usedFragments] };
  const errors = validate(schema, queryDocument);
  if (errors.length > 0) return [misconfigured(fieldName, `its selection does not apply to query field "${entry.query.field}": ${errors[0]!.message}`)];

  return { field: fieldName, entry, args, request: { query: print(queryDocument), variables, operationName: operation.name?.value } };
}

function misconfigured(field: string, reason: string): GraphQLError {
  return exposedInternalError(`subscription "${field}" cannot be served: ${reason}`);
}

function fragmentMap(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) map.set(definition.name.value, definition);
  }
  return map;
}

/** The single root field of a subscription, which may sit inside fragments. */
function rootField(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') return selection;
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value)) continue;
    if (selection.kind === Kind.FRAGMENT_SPREAD) seen.add(selection.name.value);
    const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
    const found = inner && rootField(inner, fragments, seen);
    if (found) return found;
  }
  return undefined;
}

function reachableFragments(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const pending: SelectionSetNode[] = [selectionSet];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !found.has(fragment.name.value)) {
          found.set(fragment.name.value, fragment);
          pending.push(fragment.selectionSet);
        }
      },
    });
  }
  return [...found.values()];
}

function variablesUsed(nodes: Array<SelectionSetNode | FragmentDefinitionNode>): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  return names;
}

function freeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}
