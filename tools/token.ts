/**
 * `npm run token -- --tenant acme --user erin --role editor [--role viewer] [--expires 12h]`
 * prints a development JWT signed with JWT_SECRET (the gateway's development default when unset).
 */
import { parseArgs } from 'node:util';
import { isIdentifier, isRole, isUserId, signDevToken, type Role } from '@sim/auth';
import { DEV_JWT_SECRET } from '@sim/gateway';

function fail(message: string): never {
  console.error(`${message}\nusage: npm run token -- --tenant <id> --user <id> --role <viewer|editor|admin|platform-admin> [--role …] [--expires 12h]`);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      user: { type: 'string' },
      role: { type: 'string', multiple: true },
      expires: { type: 'string', default: '12h' },
    },
  });
  if (!isIdentifier(values.tenant)) fail('--tenant is required: lowercase letters, digits, "-" or "_"');
  if (!isUserId(values.user)) fail('--user is required');
  const roles = values.role ?? [];
  if (roles.length === 0) fail('--role is required');
  const bad = roles.find((r) => !isRole(r));
  if (bad) fail(`--role "${bad}" is not one of viewer, editor, admin, platform-admin`);
  const token = await signDevToken(
    { tenantId: values.tenant, userId: values.user, roles: roles as Role[] },
    { secret: process.env.JWT_SECRET || DEV_JWT_SECRET, expiresIn: values.expires },
  );
  console.log(token);
}

void main();
