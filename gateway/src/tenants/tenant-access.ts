import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { hasRole, type Principal } from '@sim/auth';
import { forbidden, serviceUnavailable } from '../errors/gateway-errors';
import type { TenantDirectory, TenantStatus } from './tenant-directory';

/** Root fields that work while the feature is off: settings, tenant administration, introspection. */
const ALLOWED_WHILE_DISABLED = new Set(['tenantSettings', 'tenants', 'createTenant', 'updateTenantSettings', '__typename', '__schema', '__type']);
/** Platform-admin operations that act across tenants, so the caller's own tenant is not checked. */
const PLATFORM_ADMIN_FIELDS = new Set(['tenants', 'createTenant', 'updateTenantSettings', '__typename']);

/** Names of the operation's root fields, through fragments (aliases do not matter). */
export function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const names = new Set<string>();
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return [...names];
}

export function featureDisabledMessage(tenantId: string): string {
  return `Conversation Simulations is turned off for tenant "${tenantId}"; a platform admin can turn it on`;
}

/**
 * Refuses, with FORBIDDEN, an operation of a tenant that does not exist, or of a tenant whose
 * simulations are turned off unless it only touches settings. Runs before any subgraph is called.
 */
export async function assertTenantAccess(
  principal: Principal,
  rootFields: string[],
  directory: TenantDirectory,
  onLookupError: (error: unknown) => void = () => undefined,
): Promise<void> {
  if (hasRole(principal, 'platform-admin') && rootFields.every((field) => PLATFORM_ADMIN_FIELDS.has(field))) return;
  let status: TenantStatus;
  try {
    status = await directory.get(principal.tenantId);
  } catch (error) {
    onLookupError(error);
    throw serviceUnavailable('tenant settings are unavailable right now; try again shortly');
  }
  if (!status.exists) throw forbidden(`tenant "${principal.tenantId}" does not exist`);
  if (!status.simulationsEnabled && rootFields.some((field) => !ALLOWED_WHILE_DISABLED.has(field))) {
    throw forbidden(featureDisabledMessage(principal.tenantId));
  }
}
