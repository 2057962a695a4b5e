import { ErrorCodes, type ErrorCode } from './error-codes';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Base of every error a domain raises on purpose. Each carries its API code; the subgraph
 * glue maps them, once, to GraphQL errors. Anything else is a bug and surfaces as
 * INTERNAL_SERVER_ERROR without its details.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  extensions(): Record<string, unknown> {
    return {};
  }
}

export class BadUserInputError extends DomainError {
  readonly code = ErrorCodes.badUserInput;
  constructor(readonly fieldErrors: FieldError[]) {
    super(fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'BadUserInputError';
  }
  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError([{ field, message }]);
  }
  override extensions() {
    return { field: this.fieldErrors[0]?.field, fieldErrors: this.fieldErrors };
  }
}

export class NotFoundError extends DomainError {
  readonly code = ErrorCodes.notFound;
  constructor(entity: string, id: string) {
    super(`${entity} "${id}" was not found`);
    this.name = 'NotFoundError';
  }
}

export class ForbiddenError extends DomainError {
  readonly code = ErrorCodes.forbidden;
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCodes.unauthenticated;
  constructor(message: string) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

export class LimitExceededError extends DomainError {
  readonly code = ErrorCodes.limitExceeded;
  constructor(
    message: string,
    readonly limit: string,
    readonly max: number,
  ) {
    super(message);
    this.name = 'LimitExceededError';
  }
  override extensions() {
    return { limit: this.limit, max: this.max };
  }
}
