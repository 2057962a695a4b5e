import type { ErrorRequestHandler, RequestHandler } from 'express';
import { errorMeta, type GatewayLogger } from '../gateway.context';

const ALLOWED_HEADERS = 'authorization, content-type, x-api-key, x-request-id, apollo-require-preflight';

/**
 * Lets the web app (another origin in development: :3000 vs :4000) call the gateway from the
 * browser. Only listed origins; credentials travel in headers, never cookies, so none are allowed.
 */
export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && (allowed.has(origin) || allowed.has('*'))) {
      res.setHeader('access-control-allow-origin', allowed.has('*') ? '*' : origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'x-request-id');
      if (req.method === 'OPTIONS') {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
        res.setHeader('access-control-max-age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

/** Body-parser and other middleware errors as a GraphQL-shaped JSON body, never an HTML page. */
export function jsonErrors(logger: GatewayLogger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error('request failed', errorMeta(error));
    const message = status === 500 ? 'Internal server error' : `bad request: ${error.message}`;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT' } }] });
  };
}
