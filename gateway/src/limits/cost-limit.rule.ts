import {
  getNamedType,
  Kind,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { QueryLimitError } from './query-limit.error';
import { fieldDefinition, fragmentType, selectionTypeOf } from './selection-types';

export interface CostLimitOptions {
  maxCost: number;
  /** The request's variables, so `first: $n` is costed at its value. */
  variables?: Readonly<Record<string, unknown>> | null;
  /** Page size assumed for a paginated field whose `first` is absent. */
  defaultPageSize?: number;
  /** A `first` above this is costed as this (no page is ever larger). */
  maxPageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

/**
 * Estimates what an operation makes the subgraphs do and refuses it above `maxCost`. Every
 * field costs 1 times the product of the page sizes of the paginated fields around it: a
 * field with a `first` (or `last`) argument multiplies its sub-selection by that number,
 * capped at `maxPageSize`; a `...Connection` field (or one that takes `first`) without it
 * multiplies by `defaultPageSize`. Plain lists count once: nothing says how long they are.
 */
export function createCostLimitRule(options: CostLimitOptions): ValidationRule {
  const defaultPageSize = options.defaultPageSize ?? DEFAULT_PAGE_SIZE;
  const maxPageSize = options.maxPageSize ?? MAX_PAGE_SIZE;

  const pageSize = (field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number => {
    for (const argument of field.arguments ?? []) {
      if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;
      const raw =
        argument.value.kind === Kind.INT ? Number(argument.value.value)
        : argument.value.kind === Kind.VARIABLE ? options.variables?.[argument.value.name.value]
        : undefined;
      if (typeof raw === 'number' && Number.isFinite(raw)) return Math.min(Math.max(Math.ceil(raw), 0), maxPageSize);
    }
    const paginated = definition?.args.some((arg) => arg.name === 'first') || (definition && getNamedType(definition.type).name.endsWith('Connection'));
    return paginated ? defaultPageSize : 1;
  };

  return (context: ValidationContext) => {
    // Cost is linear in the multiplier around it, so a fragment's cost per unit is computed
    // once however often it is spread (no exponential walk over nested fragment spreads).
    const fragmentCosts = new Map<string, number>();
    const unitCost = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType | undefined, stack: Set<string>): number => {
      let cost = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const definition = fieldDefinition(context.getSchema(), parentType, selection);
          cost += 1;
          if (selection.selectionSet) cost += pageSize(selection, definition) * unitCost(selection.selectionSet, selectionTypeOf(definition), stack);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          cost += unitCost(selection.selectionSet, fragmentType(context.getSchema(), selection, parentType), stack);
        } else {
          cost += fragmentCost(selection.name.value, stack);
        }
      }
      return cost;
    };
    const fragmentCost = (name: string, stack: Set<string>): number => {
      const known = fragmentCosts.get(name);
      if (known !== undefined) return known;
      const fragment = context.getFragment(name);
      if (!fragment || stack.has(name)) return 0; // unknown or cyclic: other rules report it
      stack.add(name);
      const cost = unitCost(fragment.selectionSet, fragmentType(context.getSchema(), fragment, undefined), stack);
      stack.delete(name);
      fragmentCosts.set(name, cost);
      return cost;
    };

    return {
      OperationDefinition(operation) {
        const root = context.getSchema().getRootType(operation.operation) ?? undefined;
        const cost = unitCost(operation.selectionSet, root, new Set());
        if (cost > options.maxCost) context.reportError(new QueryLimitError('cost', cost, options.maxCost, operation));
      },
    };
  };
}
