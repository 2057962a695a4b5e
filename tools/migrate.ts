/**
 * `npm run migrate [-- <service> ...]`: applies pending migrations of the services (all by
 * default) to DATABASE_URL without starting them. Services also migrate on boot.
 */
import { Database } from '@sim/persistence';
import { loadAllServices } from '@sim/embedded';

async function main() {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const names = process.argv.slice(2);
  const allServices = await loadAllServices();
  const unknown = names.filter((n) => !allServices.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown service(s): ${unknown.join(', ')}; known: ${allServices.map((s) => s.name).join(', ')}`);
  for (const service of allServices.filter((s) => names.length === 0 || names.includes(s.name))) {
    const db = await Database.open({ target: { kind: 'postgres', url, poolSize: 2 }, schema: service.schema, appRole: process.env.DB_APP_ROLE, entities: service.entities, migrations: service.migrations, migrate: false });
    try {
      const applied = await db.migrate();
      console.log(`${service.name.padEnd(13)} ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
    } finally {
      await db.close();
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
