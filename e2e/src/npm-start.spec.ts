/**
 * The README's first command, as a newcomer runs it: `npm start` brings up the embedded
 * default, prints the URLs and tokens, serves the gateway and the web app, keeps its data
 * in DATA_DIR and stops cleanly on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './support/free-port';

jest.setTimeout(300_000);

const root = join(__dirname, '..', '..');

describe('npm start (the embedded default)', () => {
  let child: ChildProcess;
  let output = '';
  let dataDir: string;
  let gatewayPort: number;
  let webPort: number;

  beforeAll(async () => {
    [gatewayPort, webPort] = await freePorts(2);
    dataDir = mkdtempSync(join(tmpdir(), 'sim-npm-start-'));
    child = spawn('npm', ['start'], {
      cwd: root,
      env: { ...process.env, GATEWAY_PORT: String(gatewayPort), WEB_PORT: String(webPort), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 240_000;
    while (!/Ready in [\d.]+ s/.test(output)) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start was not ready in time:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  afterAll(async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the gateway and web URLs and a token for each demo role', () => {
    expect(output).toContain(`http://localhost:${gatewayPort}/graphql`);
    expect(output).toContain(`http://localhost:${webPort}`);
    for (const label of ['acme tenant admin', 'acme editor', 'acme viewer', 'platform admin']) {
      expect(output).toMatch(new RegExp(`${label}\\s+eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+`));
    }
  });

  it('answers health, serves the seeded demo tenant to a printed token, and serves the web app', async () => {
    const health = await fetch(`http://127.0.0.1:${gatewayPort}/health`);
    expect(health.status).toBe(200);
    const token = new RegExp('acme editor\\s+(\\S+)').exec(output)![1];
    const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ testCases { totalCount } }' }),
    });
    const body = (await response.json()) as { data: { testCases: { totalCount: number } } };
    expect(body.data.testCases.totalCount).toBeGreaterThanOrEqual(12);
    const page = await fetch(`http://127.0.0.1:${webPort}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Conversation Simulations');
  });

  it('stops cleanly on Ctrl-C, like a terminal sends it to the whole process group', async () => {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    // npm itself dies of the signal; the platform under it shuts down in order and says so.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(output).toContain('stopping');
    expect(output).not.toMatch(/Error|unhandled/i);
    const stillListening = await fetch(`http://127.0.0.1:${gatewayPort}/health`).then(() => true, () => false);
    expect(stillListening).toBe(false);
    // Every process of the group (npm, the platform) is gone, not just the listening sockets.
    const deadline = Date.now() + 20_000;
    while (groupAlive(child.pid!) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(groupAlive(child.pid!)).toBe(false);
  });
});

/** True while any process of the process group led by `pid` is alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
