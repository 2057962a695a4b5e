/**
 * Which files an entry point loads when it starts: the entry is run as its image runs it
 * (Node, @swc-node/register, the same working directory layout), with one setting made invalid
 * so that it stops right after loading its modules, before it would open a connection.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';

export interface Trace {
  exitCode: number | null;
  output: string;
  /** Absolute paths of every CommonJS module loaded (TypeScript sources, JSON, packages). */
  loaded: string[];
}

export function traceStart(command: string[], env: Record<string, string>): Promise<Trace> {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-trace-'));
  const traceFile = path.join(dir, 'loaded.txt');
  const [node, ...args] = command;
  if (node !== 'node') throw new Error(`the image runs ${node}, not node`);
  // The entry point is the command's last word; the tracer is preloaded after the image's own flags.
  const withTracer = [...args.slice(0, -1), '-r', path.join(__dirname, 'trace-loaded-modules.js'), args[args.length - 1]];
  return new Promise((resolve, reject) => {
    // As the images run: NODE_ENV=production (their ENV), nothing else from this process's environment.
    const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env, TRACE_LOADED_MODULES: traceFile };
    const child = spawn(process.execPath, withTracer, { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (exitCode: number | null) => {
      clearTimeout(timer);
      let loaded: string[] = [];
      try {
        loaded = readFileSync(traceFile, 'utf8').split('\n').filter(Boolean);
      } catch {
        // it died before writing: the test reports the output
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      resolve({ exitCode, output, loaded });
    });
  });
}
