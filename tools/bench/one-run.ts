/**
 * One benchmark measurement in a fresh process (so peak memory belongs to this N alone):
 *   node tools/run.js tools/bench/one-run.ts <embedded|distributed> <n> <k> <turns> <agentMs> <llmMs> <judgeMs>
 * Prints one line `BENCH_RESULT <json>`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PGlitePool, type EmbeddedPostgres, type PGliteThread } from '@sim/persistence';
import { benchRun } from './drive';
import { percentile, platformGaps, platformStepTimes } from './scenario';
import { startRemoteScenario } from './scenario-client';

/** Peak resident memory of a process in MiB (Linux: VmHWM). */
function peakRssMiB(pid: number | 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kib / 1024);
}

/**
 * What this process still holds once garbage is collected: the peak also counts garbage that
 * had not been collected yet, which grows with the rate of allocation rather than with N.
 * The embedded database keeps its files (data and WAL) in memory, which `rss` includes.
 * `rss` also keeps memory the allocator was given at the peak and did not hand back.
 */
async function retainedMemoryMiB(database: PGliteThread): Promise<{ heap: number; databaseThread: number; rss: number }> {
  setFlagsFromString('--expose-gc');
  // The embedded database's thread has a heap of its own, and its WASM memory and files.
  const thread = await database.collectGarbage();
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  const usage = process.memoryUsage();
  const mib = (bytes: number) => Math.round(bytes / 1048576);
  return { heap: mib(usage.heapUsed), databaseThread: mib(thread.heapUsed + thread.external), rss: mib(usage.rss) };
}

/**
 * What the embedded database keeps in memory after the run: its WAL (PGliteMaintenance
 * bounds it) and its data, tables and indexes, which grow with the results stored.
 */
async function databaseFilesMiB(pglite: EmbeddedPostgres): Promise<{ wal: number; data: number }> {
  const { rows } = (await new PGlitePool(pglite).query(
    `SELECT (SELECT coalesce(sum(size), 0) FROM pg_ls_waldir())::float8 / 1048576 AS wal, pg_database_size(current_database())::float8 / 1048576 AS data`,
  )) as { rows: { wal: number; data: number }[] };
  return { wal: Math.round(rows[0].wal), data: Math.round(rows[0].data) };
}

/** CPU seconds a process has used so far, user and system (Linux: /proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number | 'self'): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds the whole machine has spent busy so far (/proc/stat: user, nice, system, irq and softirq). */
function machineBusySeconds(): number {
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq) / 100;
}

async function main() {
  const [mode, n, k, turns, agentMs, llmMs, judgeMs] = process.argv.slice(2);
  const N = Number(n);
  const K = Number(k);
  const T = Number(turns);
  const scenario = await startRemoteScenario({ turns: T, agentLatencyMs: Number(agentMs), llmLatencyMs: Number(llmMs), judgeLatencyMs: Number(judgeMs) });
  const env: Record<string, string> = {
    LLM_BASE_URL: scenario.llmUrl,
    LLM_API_KEY: 'bench',
    LLM_MAX_CONCURRENCY: String(K * 2),
    LLM_TENANT_REQUESTS_PER_MINUTE: '1000000',
    LLM_TENANT_TOKENS_PER_MINUTE: '1000000000',
    AGENT_URL_ALLOWLIST: '127.0.0.1',
    SIMULATION_MAX_CONCURRENT_STEPS: String(K),
    LOG_LEVEL: 'warn',
  };
  let result: Record<string, unknown>;
  if (mode === 'embedded') {
    Object.assign(process.env, env);
    const { startEmbeddedPlatform } = await import('@sim/embedded');
    const platform = await startEmbeddedPlatform({ gatewayPort: 0, seedDemo: false, env: { ...process.env, GATEWAY_HOST: '127.0.0.1' } });
    try {
      const [cpuBefore, machineBefore] = [cpuSeconds('self'), machineBusySeconds()];
      const run = await benchRun(platform.gateway.url, platform.jwtSecret, N, scenario.agentUrl, T + 1);
      const cpu = { platform: round(cpuSeconds('self') - cpuBefore), machine: round(machineBusySeconds() - machineBefore) };
      result = { ...run, peakMemoryMiB: peakRssMiB('self'), retainedMemoryMiB: await retainedMemoryMiB(platform.pglite), databaseFilesMiB: await databaseFilesMiB(platform.pglite), cpuSeconds: cpu };
    } finally {
      await platform.close();
    }
  } else {
    const { startDistributedStack } = await import('@sim/embedded');
    const { createTestDatabase } = await import('@sim/testing');
    const { DEV_JWT_SECRET } = await import('@sim/gateway');
    const database = await createTestDatabase('sim_bench');
    const root = join(__dirname, '..', '..');
    const stack = await startDistributedStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      gatewayPort: 4900 + Math.floor(Math.random() * 90),
      servicePortBase: 4990,
      logDir: join(root, 'tmp', 'bench-logs', database.name),
      env: { ...env, JWT_SECRET: DEV_JWT_SECRET },
    });
    try {
      const cpuOf = () => Object.fromEntries(stack.processes.map((p) => [p.name, cpuSeconds(p.child.pid!)]));
      const [cpuBefore, machineBefore] = [cpuOf(), machineBusySeconds()];
      const run = await benchRun(stack.gatewayUrl, DEV_JWT_SECRET, N, scenario.agentUrl, T + 1);
      const cpuAfter = cpuOf();
      const cpu = { ...Object.fromEntries(Object.keys(cpuAfter).map((name) => [name, round(cpuAfter[name] - cpuBefore[name])])), machine: round(machineBusySeconds() - machineBefore) };
      const perProcess = Object.fromEntries(stack.processes.map((p) => [p.name, peakRssMiB(p.child.pid!)]));
      result = { ...run, peakMemoryMiB: Object.values(perProcess).reduce((a, b) => a + b, 0), perProcessMiB: perProcess, cpuSeconds: cpu };
    } finally {
      await stack.close();
      await database.drop();
    }
  }
  const calls = await scenario.calls();
  const steps = platformStepTimes(calls);
  const hops = Object.fromEntries([...platformGaps(calls)].map(([hop, gaps]) => [hop, { p50: percentile(gaps, 50), p99: percentile(gaps, 99) }]));
  await scenario.close();
  const lowerBoundMs = Math.ceil(N / K) * scenario.criticalPathMs;
  console.log(
    'BENCH_RESULT ' +
      JSON.stringify({
        mode,
        n: N,
        k: K,
        turns: T,
        ...result,
        lowerBoundMs,
        ratio: Number(((result.wallMs as number) / lowerBoundMs).toFixed(3)),
        stepP50Ms: percentile(steps, 50),
        stepP99Ms: percentile(steps, 99),
        steps: steps.length,
        hops,
      }),
  );
}

function round(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
