import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from './auth-error';
import { isIdentifier, isRole, isUserId, type Principal, type Role } from './roles';

/**
 * API keys for internal tools. The gateway is stateless, so keys come from configuration,
 * stored only as SHA-256 hashes: `API_KEYS="<sha256hex>:<tenant>:<user>:<role>|<role>,..."`.
 */
export interface ApiKeyEntry {
  hash: Buffer;
  principal: Principal;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function parseApiKeys(config: string | undefined): ApiKeyEntry[] {
  if (!config || !config.trim()) return [];
  return config.split(',').map((raw, index) => {
    const [hash, tenantId, userId, roleList] = raw.trim().split(':');
    const roles = (roleList ?? '').split('|').filter(Boolean);
    if (!/^[0-9a-f]{64}$/.test(hash ?? '') || !isIdentifier(tenantId) || !isUserId(userId) || roles.length === 0 || !roles.every(isRole)) {
      throw new Error(`API_KEYS entry ${index + 1} must be "<sha256hex>:<tenant>:<user>:<role>|<role>"`);
    }
    return { hash: Buffer.from(hash, 'hex'), principal: { tenantId, userId, roles: roles as Role[] } };
  });
}

export function createApiKeyVerifier(entries: ApiKeyEntry[]): (key: string) => Principal {
  return (key) => {
    const candidate = Buffer.from(hashApiKey(key), 'hex');
    const match = entries.find((entry) => timingSafeEqual(entry.hash, candidate));
    if (!match) throw new AuthenticationError('invalid API key');
    return { ...match.principal, roles: [...match.principal.roles] };
  };
}
