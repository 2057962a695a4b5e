import { signInternalHeaders, type Principal } from '@sim/auth';
import { ErrorCodes } from '@sim/errors';

export interface TenantStatus {
  exists: boolean;
  simulationsEnabled: boolean;
}

/** Where the gateway learns whether a tenant exists and has Conversation Simulations turned on. */
export interface TenantDirectory {
  get(tenantId: string): Promise<TenantStatus>;
}

export interface OrchestratorTenantDirectoryOptions {
  /** GraphQL endpoint of the orchestrator subgraph, which owns tenant settings. */
  url: string;
  internalAuthSecret: string;
  timeoutMs?: number;
}

const TENANT_SETTINGS_QUERY = '{ tenantSettings { simulationsEnabled } }';

interface SubgraphResponse {
  data?: { tenantSettings?: { simulationsEnabled?: unknown } | null } | null;
  errors?: Array<{ message?: string; extensions?: { code?: unknown } }>;
}

/** Asks the orchestrator, as the gateway acting for the tenant, for `tenantSettings`. */
export function createOrchestratorTenantDirectory(options: OrchestratorTenantDirectoryOptions): TenantDirectory {
  return {
    async get(tenantId) {
      const principal: Principal = { tenantId, userId: 'gateway', roles: ['admin'] };
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signInternalHeaders(principal, options.internalAuthSecret) },
        body: JSON.stringify({ query: TENANT_SETTINGS_QUERY }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
      });
      const body = (await response.json().catch(() => ({}))) as SubgraphResponse;
      if (body.errors?.some((error) => error.extensions?.code === ErrorCodes.notFound)) {
        return { exists: false, simulationsEnabled: false };
      }
      const settings = body.data?.tenantSettings;
      if (!settings || typeof settings.simulationsEnabled !== 'boolean') {
        const reason = body.errors?.[0]?.message ?? `HTTP ${response.status}`;
        throw new Error(`orchestrator did not return tenant settings for "${tenantId}": ${reason}`);
      }
      return { exists: true, simulationsEnabled: settings.simulationsEnabled };
    },
  };
}

const MAX_CACHED_TENANTS = 10_000;

/**
 * Caches answers per tenant for `ttlMs` and shares one lookup among concurrent requests.
 * Failures are not cached, so a briefly unavailable orchestrator does not stick; while it
 * is unavailable (a busy embedded process, a restarting pod), the last answer seen within
 * `staleForMs` is served instead of failing every request of a tenant that was fine.
 */
export function cachedTenantDirectory(inner: TenantDirectory, ttlMs: number, now: () => number = Date.now, staleForMs = 5 * 60_000): TenantDirectory {
  const cache = new Map<string, { expiresAt: number; status: Promise<TenantStatus> }>();
  const lastKnown = new Map<string, { status: TenantStatus; at: number }>();
  const pruneExpired = () => {
    for (const [tenantId, entry] of cache) if (entry.expiresAt <= now()) cache.delete(tenantId);
    for (const [tenantId, known] of lastKnown) if (known.at + staleForMs <= now()) lastKnown.delete(tenantId);
  };
  return {
    get(tenantId) {
      const hit = cache.get(tenantId);
      if (hit && hit.expiresAt > now()) return hit.status;
      if (cache.size >= MAX_CACHED_TENANTS) pruneExpired();
      const asked = inner.get(tenantId);
      const status = asked.then(
        (answer) => {
          lastKnown.set(tenantId, { status: answer, at: now() });
          return answer;
        },
        (error: unknown) => {
          const known = lastKnown.get(tenantId);
          if (known && known.at + staleForMs > now()) return known.status;
          throw error;
        },
      );
      const entry = { expiresAt: Number.POSITIVE_INFINITY, status };
      cache.set(tenantId, entry);
      asked.then(
        () => (entry.expiresAt = now() + ttlMs),
        () => cache.get(tenantId) === entry && cache.delete(tenantId),
      );
      return status;
    },
  };
}
