import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { hasRole, type Principal, type Role } from '@sim/auth';
import { ForbiddenError, UnauthenticatedError } from '@sim/errors';

export interface SubgraphContext {
  principal?: Principal;
  requestId?: string;
}

/** The verified caller, as the gateway forwarded it in signed headers. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = GqlExecutionContext.create(context).getContext<SubgraphContext>().principal;
  if (!principal) throw new UnauthenticatedError('no authenticated caller');
  return principal;
});

const roleLabel: Record<Role, string> = {
  viewer: 'a viewer',
  editor: 'an editor',
  admin: 'a tenant admin',
  'platform-admin': 'a platform admin',
};

export function requireRole(principal: Principal, role: Role): void {
  if (!hasRole(principal, role)) throw new ForbiddenError(`this action needs ${roleLabel[role]} role`);
}
