import express, { Router } from 'express';
import { isIdentifier, isRole, isUserId, signDevToken, type Role } from '@sim/auth';
import type { GatewayConfig } from '../gateway.config';

/** Tenants the embedded seed creates: offered on the development sign-in screen. */
const DEMO_TENANTS = ['acme', 'globex', 'platform'];

/**
 * Development sign-in for the web app: pick a tenant, user and role, get a JWT signed with the
 * gateway's own secret, exactly what `npm run token` prints. It exists only where tokens are
 * HS256-signed locally and NODE_ENV is not production; with an identity provider (JWT_JWKS_URL)
 * or in production, users bring a bearer token from their company's identity provider instead.
 */
export function isDevSignInEnabled(config: GatewayConfig, env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== 'production' && !config.jwtJwksUrl;
}

export function createAuthRouter(config: GatewayConfig, env: NodeJS.ProcessEnv = process.env): Router {
  const router = Router();
  const enabled = isDevSignInEnabled(config, env);

  router.get('/config', (_req, res) => {
    res.json({ devSignIn: enabled, demoTenants: enabled ? DEMO_TENANTS : [] });
  });

  router.post('/dev-token', express.json({ limit: '4kb' }), async (req, res) => {
    if (!enabled) {
      res.status(404).json({ error: 'development sign-in is off: sign in with a bearer token from your identity provider' });
      return;
    }
    const { tenant, user, role } = (req.body ?? {}) as Record<string, unknown>;
    const problem = !isIdentifier(tenant)
      ? 'tenant: lowercase letters, digits, "-" or "_"'
      : !isUserId(user)
        ? 'user: letters, digits and . _ @ | : + -'
        : typeof role !== 'string' || !isRole(role)
          ? 'role: one of viewer, editor, admin, platform-admin'
          : null;
    if (problem) {
      res.status(400).json({ error: problem });
      return;
    }
    const token = await signDevToken(
      { tenantId: tenant as string, userId: user as string, roles: [role as Role] },
      { secret: config.jwtSecret, issuer: config.jwtIssuer ?? undefined, audience: config.jwtAudience ?? undefined, expiresIn: '12h' },
    );
    res.json({ token });
  });
  return router;
}
