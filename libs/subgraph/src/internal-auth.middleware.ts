import type { NextFunction, Request, Response } from 'express';
import { AuthenticationError, verifyInternalHeaders, type Principal } from '@sim/auth';
import { ErrorCodes } from '@sim/errors';

/**
 * Subgraphs answer only requests the gateway signed: anything else, including a direct
 * call with forged tenant headers, gets 401 before GraphQL runs.
 */
export function internalAuthMiddleware(secret: string) {
  return (req: Request & { principal?: Principal; requestId?: string }, res: Response, next: NextFunction) => {
    try {
      req.principal = verifyInternalHeaders(req.headers, secret);
      req.requestId = typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : undefined;
      next();
    } catch (error) {
      const message = error instanceof AuthenticationError ? error.message : 'unauthenticated';
      res.status(401).json({ errors: [{ message, extensions: { code: ErrorCodes.unauthenticated } }] });
    }
  };
}
