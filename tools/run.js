#!/usr/bin/env node
/**
 * Runs a TypeScript entry point without a build step: @swc-node/register compiles on load
 * (with decorator metadata, which NestJS's dependency injection needs) and resolves the
 * `@sim/*` path aliases of tsconfig.base.json.
 *   node tools/run.js <entry.ts> [args...]
 */
const path = require('node:path');
const { spawn } = require('node:child_process');

const root = path.resolve(__dirname, '..');

/**
 * Node flags that let a child process load the project's TypeScript directly, and give it a
 * larger young generation: the embedded default allocates a lot of short-lived objects per
 * pipeline step, and with V8's default semi-spaces so many of them survived into the old
 * generation that garbage collection took about 6% of its main thread (ADR 0014).
 */
function runtimeFlags() {
  return ['--enable-source-maps', '--max-semi-space-size=64', '-r', '@swc-node/register'];
}

function runtimeEnv() {
  return { SWC_NODE_PROJECT: path.join(root, 'tsconfig.json') };
}

module.exports = { runtimeFlags, runtimeEnv, root };

if (require.main === module) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: node tools/run.js <entry.ts> [args...]');
    process.exit(2);
  }
  const child = spawn(process.execPath, [...runtimeFlags(), path.resolve(entry), ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...runtimeEnv() },
  });
  // Forward Ctrl-C and termination so the platform shuts down gracefully.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
