/**
 * The embedded database's own thread (see pglite-thread.ts): it owns the PGlite instance and
 * runs the PostgreSQL wire-protocol messages it is sent, answering with the reply's raw
 * bytes. Everything else (building statements, parsing replies, locking) stays on the
 * caller's side, so this file is plain JavaScript with one dependency and loads the same
 * under Node, Jest and the TypeScript loader.
 *
 * Requests: { id, op: 'exec', bytes } | { id, op: 'collectGarbage' } | { id, op: 'close' }.
 * Replies: { id, bytes } | { id, memory } | { id } | { id, error }.
 * Before any request, one { op: 'ready' } or { op: 'failed', error }.
 */
const { parentPort, workerData } = require('node:worker_threads');
const { runInNewContext } = require('node:vm');
const { PGlite } = require('@electric-sql/pglite');

async function main() {
  let db;
  try {
    db = await PGlite.create({ dataDir: workerData.dataDir, startParams: workerData.startParams });
  } catch (error) {
    parentPort.postMessage({ op: 'failed', error: String(error?.stack ?? error) });
    return;
  }
  // One request at a time, in the order sent: PGlite is a single session.
  let queue = Promise.resolve();
  parentPort.on('message', (request) => {
    queue = queue.then(() => handle(db, request));
  });
  parentPort.postMessage({ op: 'ready' });
}

async function handle(db, { id, op, bytes }) {
  try {
    if (op === 'exec') {
      const reply = await execRaw(db, bytes);
      parentPort.postMessage({ id, bytes: reply }, [reply.buffer]);
    } else if (op === 'collectGarbage') {
      // Only where the process exposed it (`--expose-gc`, or v8.setFlagsFromString first).
      const gc = runInNewContext('typeof gc === "function" ? gc : undefined');
      gc?.();
      gc?.();
      const { heapUsed, external } = process.memoryUsage();
      parentPort.postMessage({ id, memory: { heapUsed, external } });
    } else if (op === 'close') {
      await db.close();
      parentPort.postMessage({ id });
    } else {
      throw new Error(`unknown request ${op}`);
    }
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
}

/**
 * The reply's bytes, collected as they are written. Not `execProtocolRaw`: it also parses the
 * reply into a list that only `execProtocol` empties, which would then grow with every
 * statement this thread ever ran. The flush to the file system is skipped, as PGlitePool
 * skips it (Node's file system needs none).
 */
async function execRaw(db, bytes) {
  const chunks = [];
  let length = 0;
  await db.execProtocolRawStream(bytes, {
    syncToFs: false,
    onRawData: (chunk) => {
      chunks.push(chunk.slice());
      length += chunk.length;
    },
  });
  if (chunks.length === 1) return chunks[0];
  const reply = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    reply.set(chunk, offset);
    offset += chunk.length;
  }
  return reply;
}

main();
