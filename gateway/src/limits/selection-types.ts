import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type InlineFragmentNode,
  type FragmentDefinitionNode,
} from 'graphql';

/** The definition of a selected field, including the introspection meta fields. */
export function fieldDefinition(
  schema: GraphQLSchema,
  parentType: GraphQLCompositeType | undefined,
  field: FieldNode,
): GraphQLField<unknown, unknown> | undefined {
  const name = field.name.value;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parentType && parentType === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  if (parentType && (isObjectType(parentType) || isInterfaceType(parentType))) return parentType.getFields()[name];
  return undefined;
}

/** The composite type a field's sub-selection applies to. */
export function selectionTypeOf(field: GraphQLField<unknown, unknown> | undefined): GraphQLCompositeType | undefined {
  const named = field ? getNamedType(field.type) : undefined;
  return named && isCompositeType(named) ? named : undefined;
}

/** The type an inline fragment or fragment definition narrows to. */
export function fragmentType(
  schema: GraphQLSchema,
  fragment: InlineFragmentNode | FragmentDefinitionNode,
  fallback: GraphQLCompositeType | undefined,
): GraphQLCompositeType | undefined {
  if (!fragment.typeCondition) return fallback;
  const type = schema.getType(fragment.typeCondition.name.value);
  return type && isCompositeType(type) ? type : undefined;
}
