#!/usr/bin/env node
/**
 * `npm test`: everything CI checks, in the order a failure is cheapest to find.
 *   1. generated code matches its sources (protobuf contracts, GraphQL schemas, supergraph composition)
 *   2. lint and typecheck of every Nx project
 *   3. every project's tests (Nx `test` targets), against real PostgreSQL and a real Kafka
 *      broker (started here from Maven Central's jars when none is running, stopped after)
 * Ends with one line "N passed, N failed".
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const resultsDir = path.join(root, 'tmp', 'test-results');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NEXT_TELEMETRY_DISABLED: '1' };

function step(title, command, args) {
  console.log(`\n▶ ${title}\n  $ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  return result.status === 0;
}

function canConnect(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

function summarize() {
  let passed = 0;
  let failed = 0;
  if (existsSync(resultsDir)) {
    for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('.json'))) {
      const report = JSON.parse(readFileSync(path.join(resultsDir, file), 'utf8'));
      passed += report.numPassedTests;
      failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
      console.log(`  ${file.replace(/\.json$/, '').padEnd(14)} ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
    }
  }
  return { passed, failed };
}

async function main() {
  const only = process.argv.slice(2);
  let ok = true;
  ok = step('contracts: generated protobuf code is up to date', 'node', ['tools/proto.js', 'check']) && ok;
  ok = step('GraphQL: subgraph schemas and supergraph are up to date and compose', 'node', ['tools/run.js', 'tools/schema.ts', 'check']) && ok;
  ok = step("web: the operations' generated types are up to date", 'npx', ['graphql-codegen', '--config', 'web/codegen.ts', '--check']) && ok;
  ok = step('lint and typecheck', 'npx', ['nx', 'run-many', '-t', 'lint', 'typecheck', '--parallel=2', '--outputStyle=static']) && ok;

  const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const pg = new URL(postgresUrl);
  if (!(await canConnect(Number(pg.port || 5432), pg.hostname))) {
    console.error(`\nPostgreSQL is not reachable at ${pg.hostname}:${pg.port || 5432}; start it or set TEST_POSTGRES_URL.`);
    ok = false;
  }
  let startedKafka = false;
  if (!process.env.KAFKA_BROKERS && !(await canConnect(9092))) {
    startedKafka = step('Kafka: starting a local broker for the tests', 'node', ['tools/kafka/kafka.js', 'start']);
    ok = startedKafka && ok;
  }

  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const projects = only.length ? ['--projects', only.join(',')] : [];
  ok = step('tests', 'npx', ['nx', 'run-many', '-t', 'test', '--parallel=1', '--outputStyle=static', ...projects]) && ok;
  if (startedKafka) step('Kafka: stopping the broker started for the tests', 'node', ['tools/kafka/kafka.js', 'stop']);

  console.log('\nTest results by project:');
  const { passed, failed } = summarize();
  if (!ok && failed === 0) console.log('(a check before or around the tests failed: see above)');
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
