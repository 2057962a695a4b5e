/**
 * `npm run bench [-- --modes embedded,distributed --n 100,1000 --k 100 --turns 3 --agent-ms 200 --llm-ms 200 --judge-ms 200]`
 *
 * Runs N cases of T exchanges at concurrency K against an HTTP agent and an
 * OpenAI-compatible server that each answer after a fixed latency, and prints the lower
 * bound (ceil(N/K) x one conversation's critical path), the measured wall time, their
 * ratio, the platform's own time per step (p50, p99) and peak memory, per mode and N, and
 * the CPU seconds spent during the run: by each of the platform's processes, and by the
 * whole machine (which also runs the benchmark's servers, and in distributed mode PostgreSQL
 * and Kafka): on a machine whose cores are all busy, this says where the time went. In the
 * embedded default it also prints what the process holds after the run and a full garbage
 * collection, and how much of it the embedded database's files are (its WAL and its data):
 * whether memory stays flat as N grows is read there, not from the peak.
 * Distributed mode needs PostgreSQL and Kafka (`npm run kafka -- start`).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

interface Measurement {
  status: string;
  lowerBoundMs: number;
  wallMs: number;
  ratio: number;
  stepP50Ms: number;
  stepP99Ms: number;
  peakMemoryMiB: number;
  liveUpdateLagMs: number | null;
  /** CPU seconds spent during the run: by the platform's process(es), and by the whole machine. */
  cpuSeconds: Record<string, number>;
  /** Embedded only: what the process holds after a full garbage collection. */
  retainedMemoryMiB?: { heap: number; databaseThread: number; rss: number };
  databaseFilesMiB?: { wal: number; data: number };
}

async function measure(args: string[]): Promise<Measurement> {
  const root = join(__dirname, '..', '..');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'tools/run.js'), join(root, 'tools/bench/one-run.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('BENCH_RESULT '.length)));
      else reject(new Error(`bench ${args.join(' ')} failed (exit ${code}):\n${output.slice(-2000)}`));
    });
  });
}

async function main() {
  const modes = flag('modes', 'embedded,distributed').split(',');
  const sizes = flag('n', '100,1000').split(',').map(Number);
  const k = flag('k', '100');
  const turns = flag('turns', '3');
  const [agentMs, llmMs, judgeMs] = [flag('agent-ms', '200'), flag('llm-ms', '200'), flag('judge-ms', '200')];
  console.log(`agent ${agentMs} ms, simulated customer ${llmMs} ms, judge ${judgeMs} ms per call; ${turns} exchanges per conversation; K = ${k}`);
  console.log('mode         N     status     lower bound   wall       ratio   step p50  step p99  peak memory  live update');
  for (const mode of modes) {
    for (const n of sizes) {
      const r = await measure([mode, String(n), k, turns, agentMs, llmMs, judgeMs]);
      console.log(
        `${mode.padEnd(12)} ${String(n).padEnd(5)} ${String(r.status).padEnd(10)} ${(r.lowerBoundMs / 1000).toFixed(1).padStart(8)} s  ${(r.wallMs / 1000).toFixed(1).padStart(7)} s  ${r.ratio.toFixed(2).padStart(5)}   ${String(r.stepP50Ms).padStart(5)} ms  ${String(r.stepP99Ms).padStart(5)} ms  ${String(r.peakMemoryMiB).padStart(6)} MiB  ${r.liveUpdateLagMs === null ? 'not seen' : `${r.liveUpdateLagMs} ms`}`,
      );
      // K bounds the conversations in flight; a case's judge call starts once its conversation
      // has given its slot to the next case, so the wall may come in under the lower bound.
      const overlappedMs = r.lowerBoundMs - (Math.ceil(n / Number(k)) - 1) * Number(judgeMs);
      console.log(`             with each judge call overlapping the next conversation: bound ${(overlappedMs / 1000).toFixed(1)} s, ratio ${(r.wallMs / overlappedMs).toFixed(2)}`);
      console.log(`             CPU during the run: ${Object.entries(r.cpuSeconds).map(([name, seconds]) => `${name} ${seconds} s`).join(', ')}`);
      if (r.retainedMemoryMiB) console.log(`             held after the run and a full GC: heap ${r.retainedMemoryMiB.heap} MiB, database thread ${r.retainedMemoryMiB.databaseThread} MiB (heap, WASM memory, files), resident ${r.retainedMemoryMiB.rss} MiB`);
      if (r.databaseFilesMiB) console.log(`             of which the embedded database's files: WAL ${r.databaseFilesMiB.wal} MiB, data ${r.databaseFilesMiB.data} MiB`);
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
