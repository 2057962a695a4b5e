import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from '@sim/errors';

/**
 * Domain errors are answers, not failures: hand them to Apollo's error formatting as they
 * are, instead of letting Nest log each one as an unhandled exception.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError) {
    return error;
  }
}
