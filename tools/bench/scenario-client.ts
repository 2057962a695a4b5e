import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ExternalCall, ScenarioOptions } from './scenario';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runtimeFlags, runtimeEnv } = require('../run.js') as { runtimeFlags(): string[]; runtimeEnv(): Record<string, string> };

type Calls = Map<string, ExternalCall[]>;

export interface RemoteScenario {
  llmUrl: string;
  agentUrl: string;
  criticalPathMs: number;
  calls(): Promise<Calls>;
  close(): Promise<void>;
}

/** Starts the scenario's servers in a child process (see scenario-process.ts). */
export async function startRemoteScenario(options: ScenarioOptions): Promise<RemoteScenario> {
  const child: ChildProcess = spawn(process.execPath, [...runtimeFlags(), join(__dirname, 'scenario-process.ts')], {
    env: { ...process.env, ...runtimeEnv() },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const reply = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string } & T) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the benchmark's scenario process exited (${code})`)));
    });
  const started = reply<{ llmUrl: string; agentUrl: string; criticalPathMs: number }>('started');
  child.send({ type: 'start', options });
  const { llmUrl, agentUrl, criticalPathMs } = await started;
  return {
    llmUrl,
    agentUrl,
    criticalPathMs,
    async calls() {
      const answer = reply<{ calls: [string, ExternalCall[]][] }>('calls');
      child.send({ type: 'calls' });
      return new Map((await answer).calls);
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}
