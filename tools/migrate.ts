/**
 * `npm run migrate [-- <service> ...]`: applies pending migrations of the services (all by
 * default) to DATABASE_URL without starting them. Services also migrate on boot.
 */
import { loadConfig } from '@sim/config';
import { Database, postgresSsl } from '@sim/persistence';
import { loadAllServices } from '@sim/embedded';
import { serviceConfigDefinition } from '@sim/subgraph';

async function main() {
  // The services' own database variables (DATABASE_URL, DATABASE_SSL_MODE, ...), nothing else.
  const { databaseUrl, databaseSslMode, databaseSslCaFile, appRole } = serviceConfigDefinition(4101);
  const config = loadConfig({ databaseUrl, databaseSslMode, databaseSslCaFile, appRole });
  const ssl = postgresSsl(config.databaseSslMode, config.databaseSslCaFile);
  const names = process.argv.slice(2);
  const allServices = await loadAllServices();
  const unknown = names.filter((n) => !allServices.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown service(s): ${unknown.join(', ')}; known: ${allServices.map((s) => s.name).join(', ')}`);
  for (const service of allServices.filter((s) => names.length === 0 || names.includes(s.name))) {
    const db = await Database.open({
      target: { kind: 'postgres', url: config.databaseUrl, poolSize: 2, ssl },
      schema: service.schema,
      appRole: config.appRole,
      entities: service.entities,
      migrations: service.migrations,
      migrate: false,
    });
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
