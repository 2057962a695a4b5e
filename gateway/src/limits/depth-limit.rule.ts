import { Kind, type GraphQLCompositeType, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { QueryLimitError } from './query-limit.error';
import { fieldDefinition, fragmentType, selectionTypeOf } from './selection-types';

export interface DepthLimitOptions {
  maxDepth: number;
}

/**
 * Refuses operations nested deeper than `maxDepth` fields, counted through fragments.
 * `__Type.ofType` does not add depth: it is a linear chain (one type per level, no fan-out)
 * that the standard introspection query nests nine levels deep, while the expensive
 * introspection cycle (`type { fields { type { fields ... } } }`) is still counted.
 */
export function createDepthLimitRule({ maxDepth }: DepthLimitOptions): ValidationRule {
  return (context: ValidationContext) => {
    // A fragment's depth does not depend on where it is spread: measure each once, so a
    // document that spreads fragments into each other many times costs linear time.
    const fragmentDepths = new Map<string, number>();
    const measure = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType | undefined, stack: Set<string>): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        let depth = 0;
        if (selection.kind === Kind.FIELD) {
          const definition = fieldDefinition(context.getSchema(), parentType, selection);
          const own = selection.name.value === 'ofType' && parentType?.name === '__Type' ? 0 : 1;
          depth = own + (selection.selectionSet ? measure(selection.selectionSet, selectionTypeOf(definition), stack) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = measure(selection.selectionSet, fragmentType(context.getSchema(), selection, parentType), stack);
        } else {
          depth = fragmentDepth(selection.name.value, stack);
        }
        deepest = Math.max(deepest, depth);
      }
      return deepest;
    };
    const fragmentDepth = (name: string, stack: Set<string>): number => {
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      const fragment = context.getFragment(name);
      if (!fragment || stack.has(name)) return 0; // unknown or cyclic: other rules report it
      stack.add(name);
      const depth = measure(fragment.selectionSet, fragmentType(context.getSchema(), fragment, undefined), stack);
      stack.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    };

    return {
      OperationDefinition(operation) {
        const root = context.getSchema().getRootType(operation.operation) ?? undefined;
        const depth = measure(operation.selectionSet, root, new Set());
        if (depth > maxDepth) context.reportError(new QueryLimitError('depth', depth, maxDepth, operation));
      },
    };
  };
}
