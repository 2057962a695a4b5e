import { createServer } from 'node:net';

/**
 * Ports for processes a test starts later (a stack takes seconds to listen), so they cannot
 * be held meanwhile. They come from below Linux's ephemeral range (32768 and up by default):
 * a port the OS hands out for `listen(0)` is also one it hands out as the local end of
 * outgoing connections, and the platform's clients (PostgreSQL, Kafka, HTTP) open many while
 * a stack starts. One took a stack's gateway port that way (EADDRINUSE). Each Jest worker
 * draws from a block of its own, so parallel test files never pick the same port either.
 */
const FIRST_PORT = 20_000;
const PORTS_PER_WORKER = 1_000;
const WORKER_BLOCKS = 12;

const worker = Number(process.env.JEST_WORKER_ID ?? 1);
const blockStart = FIRST_PORT + ((worker - 1) % WORKER_BLOCKS) * PORTS_PER_WORKER;
/** Where this process starts in its block: a later test run may find earlier ports in use. */
let nextOffset = Math.floor(Math.random() * PORTS_PER_WORKER);

export async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let tried = 0; ports.length < count; tried++) {
    if (tried >= PORTS_PER_WORKER) throw new Error(`no ${count} free ports in ${blockStart}-${blockStart + PORTS_PER_WORKER - 1}`);
    const port = blockStart + (nextOffset++ % PORTS_PER_WORKER);
    if (await canListen(port)) ports.push(port);
  }
  return ports;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
