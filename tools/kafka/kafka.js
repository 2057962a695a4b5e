#!/usr/bin/env node
/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) on 127.0.0.1,
 * run from Maven Central's jars: no Docker. Used for development and the Kafka contract tests.
 *
 *   npm run kafka -- start     resolve jars (first run), format storage, start, wait until ready
 *   npm run kafka -- stop      controlled shutdown (SIGTERM, then SIGKILL after 30 s)
 *   npm run kafka -- status    exit 0 when running and answering, 1 otherwise
 *   npm run kafka -- logs [-f] [-n LINES]
 *
 * Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (KAFKA_PORT + 1),
 * KAFKA_CACHE_DIR (<repo>/.kafka: jars, config, data, logs), KAFKA_HEAP (512m),
 * KAFKA_START_TIMEOUT_MS (60000), JAVA_HOME.
 *
 * Plain CommonJS with no dependencies, so it runs before `npm install`; when kafkajs is
 * installed the readiness check is a real metadata request through it.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const POM = path.join(__dirname, 'pom.xml');
const HOST = '127.0.0.1';
const PORT = Number(process.env.KAFKA_PORT || 9092);
const CONTROLLER_PORT = Number(process.env.KAFKA_CONTROLLER_PORT || PORT + 1);
const CACHE = path.resolve(process.env.KAFKA_CACHE_DIR || path.join(ROOT, '.kafka'));
const JARS = path.join(CACHE, 'jars');
const CONFIG = path.join(CACHE, 'config');
const DATA = path.join(CACHE, 'data');
const LOGS = path.join(CACHE, 'logs');
const PID_FILE = path.join(CACHE, 'kafka.pid');
const LOCK_FILE = path.join(CACHE, 'start.lock');
const JARS_STAMP = path.join(JARS, '.pom.sha1');
const HEAP = process.env.KAFKA_HEAP || '512m';
const START_TIMEOUT_MS = Number(process.env.KAFKA_START_TIMEOUT_MS || 60_000);
const JAVA = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
const CLASSPATH = path.join(JARS, '*');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function fail(message) {
  console.error(`kafka: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping

function readPid() {
  try {
    const pid = Number(fs.readFileSync(PID_FILE, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** True when pid is alive and, where /proc can tell, is our broker (pids get reused). */
function isBrokerProcess(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(CONFIG);
  } catch {
    return true;
  }
}

function runningPid() {
  const pid = readPid();
  return isBrokerProcess(pid) ? pid : undefined;
}

/** Serialises concurrent `start`s (two test runners, two terminals) on one cache dir. */
async function withStartLock(fn) {
  fs.mkdirSync(CACHE, { recursive: true });
  const deadline = Date.now() + START_TIMEOUT_MS + 5 * 60_000;
  for (;;) {
    try {
      fs.writeFileSync(LOCK_FILE, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let holder;
      try {
        holder = Number(fs.readFileSync(LOCK_FILE, 'utf8').trim());
      } catch {
        continue; // released between our two calls
      }
      let alive = false;
      try {
        process.kill(holder, 0);
        alive = true;
      } catch {
        // ESRCH: the holder died without removing its lock.
      }
      if (!alive) {
        fs.rmSync(LOCK_FILE, { force: true });
        continue;
      }
      if (Date.now() > deadline) fail(`another start (pid ${holder}) holds ${LOCK_FILE}`);
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_FILE, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Readiness: a real request, not only an open port

/** Raw ApiVersions v0 request: answered only once the broker processes requests. */
function apiVersionsProbe(timeoutMs) {
  return new Promise((resolve) => {
    const clientId = Buffer.from('kafka-tool');
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
    body.writeInt16BE(18, 0); // ApiVersions
    body.writeInt16BE(0, 2); // version 0
    body.writeInt32BE(1, 4); // correlation id
    body.writeInt16BE(clientId.length, 8);
    clientId.copy(body, 10);
    const frame = Buffer.concat([Buffer.alloc(4), body]);
    frame.writeInt32BE(body.length, 0);

    let received = Buffer.alloc(0);
    const socket = net.connect({ host: HOST, port: PORT });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write(frame));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 10) done(received.readInt32BE(4) === 1 && received.readInt16BE(8) === 0);
    });
  });
}

function loadKafkajs() {
  try {
    return require(require.resolve('kafkajs', { paths: [ROOT] }));
  } catch {
    return undefined;
  }
}

/** A metadata request through kafkajs (listTopics) when it is installed. */
async function isReady() {
  if (!(await apiVersionsProbe(1_000))) return false;
  const kafkajs = loadKafkajs();
  if (!kafkajs) return true;
  const admin = new kafkajs.Kafka({
    clientId: 'kafka-tool',
    brokers: [`${HOST}:${PORT}`],
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Jars, config, storage

function ensureJars() {
  const pomHash = crypto.createHash('sha1').update(fs.readFileSync(POM)).digest('hex');
  const stamp = fs.existsSync(JARS_STAMP) ? fs.readFileSync(JARS_STAMP, 'utf8').trim() : '';
  if (stamp === pomHash) return;

  console.log('kafka: resolving broker jars with Maven (tools/kafka/pom.xml; cached in ~/.m2)...');
  fs.rmSync(JARS, { recursive: true, force: true });
  fs.mkdirSync(JARS, { recursive: true });
  const mvn = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      POM,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${JARS}`,
      '-DincludeScope=runtime',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (mvn.error) fail(`could not run mvn (${mvn.error.message}); install Maven 3.8+`);
  if (mvn.status !== 0) {
    fail(`mvn dependency:copy-dependencies failed (exit ${mvn.status}):\n${mvn.stdout}${mvn.stderr}`);
  }
  fs.writeFileSync(JARS_STAMP, pomHash + '\n');
}

function writeConfig() {
  fs.mkdirSync(CONFIG, { recursive: true });
  fs.mkdirSync(DATA, { recursive: true });
  fs.mkdirSync(LOGS, { recursive: true });
  const server = [
    '# Written by tools/kafka/kafka.js on every start; edit the script, not this file.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${HOST}:${CONTROLLER_PORT}`,
    `listeners=PLAINTEXT://${HOST}:${PORT},CONTROLLER://${HOST}:${CONTROLLER_PORT}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${PORT}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${DATA}`,
    // One node: every internal topic has a single replica.
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    // 50 offsets partitions (the default) make the first consumer group slow to start.
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'num.partitions=1',
    'auto.create.topics.enable=true',
    // Join a group at once instead of waiting 3 s for more members.
    'group.initial.rebalance.delay.ms=0',
    // The broker is unfenced (serves clients) on its first heartbeat after registering: 2 s by default.
    'broker.heartbeat.interval.ms=500',
    'num.network.threads=2',
    'num.io.threads=4',
    'log.retention.hours=24',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(CONFIG, 'server.properties'), server);

  const log4j = [
    'status = warn',
    'appender.file.type = RollingFile',
    'appender.file.name = file',
    `appender.file.fileName = ${path.join(LOGS, 'server.log')}`,
    `appender.file.filePattern = ${path.join(LOGS, 'server.log.%i')}`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'appender.file.policies.type = Policies',
    'appender.file.policies.size.type = SizeBasedTriggeringPolicy',
    'appender.file.policies.size.size = 20MB',
    'appender.file.strategy.type = DefaultRolloverStrategy',
    'appender.file.strategy.max = 3',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.file.ref = file',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(CONFIG, 'log4j2.properties'), log4j);
}

function jvmArgs() {
  return [
    `-Xmx${HEAP}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    // C1 only: on 2 cores the broker is ready in about half the time; a dev broker needs no peak throughput.
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${path.join(CONFIG, 'log4j2.properties')}`,
    `-Dkafka.logs.dir=${LOGS}`,
    '-cp',
    CLASSPATH,
  ];
}

/** Kafka's Uuid text form: 16 random bytes, URL-safe base64 without padding, not starting with '-'. */
function clusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function formatStorageIfNeeded() {
  if (fs.existsSync(path.join(DATA, 'meta.properties'))) return;
  const format = spawnSync(
    JAVA,
    [
      ...jvmArgs(),
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      '-t',
      clusterId(),
      '-c',
      path.join(CONFIG, 'server.properties'),
    ],
    { encoding: 'utf8' },
  );
  if (format.error) fail(`could not run ${JAVA} (${format.error.message}); install Java 17+`);
  if (format.status !== 0) {
    fail(`formatting ${DATA} failed (exit ${format.status}):\n${format.stdout}${format.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Commands

async function waitUntilReady(pid) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await isReady()) return;
    if (pid && !isBrokerProcess(pid)) {
      fs.rmSync(PID_FILE, { force: true });
      printTail(path.join(LOGS, 'kafka.out'), 30);
      printTail(path.join(LOGS, 'server.log'), 30);
      fail(`the broker exited during start-up (logs: ${LOGS})`);
    }
    await sleep(250);
  }
  fail(`the broker did not answer on ${HOST}:${PORT} within ${START_TIMEOUT_MS / 1000} s (logs: ${LOGS})`);
}

async function start() {
  await withStartLock(async () => {
    const pid = runningPid();
    if (pid) {
      await waitUntilReady(pid);
      console.log(`kafka already running on ${HOST}:${PORT} (pid ${pid})`);
      return;
    }
    if (await apiVersionsProbe(1_000)) {
      console.log(`kafka already running on ${HOST}:${PORT} (not started by this script)`);
      return;
    }

    ensureJars();
    writeConfig();
    formatStorageIfNeeded();

    const out = fs.openSync(path.join(LOGS, 'kafka.out'), 'a');
    const child = spawn(JAVA, [...jvmArgs(), 'kafka.Kafka', path.join(CONFIG, 'server.properties')], {
      cwd: CACHE,
      detached: true,
      stdio: ['ignore', out, out],
    });
    child.on('error', (err) => fail(`could not run ${JAVA} (${err.message}); install Java 17+`));
    fs.closeSync(out);
    fs.writeFileSync(PID_FILE, `${child.pid}\n`);
    child.unref();

    await waitUntilReady(child.pid);
    console.log(`kafka ready on ${HOST}:${PORT}`);
  });
}

async function stop() {
  const pid = runningPid();
  if (!pid) {
    fs.rmSync(PID_FILE, { force: true });
    console.log('kafka is not running');
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (isBrokerProcess(pid) && Date.now() < deadline) await sleep(200);
  if (isBrokerProcess(pid)) {
    console.log('kafka: no exit after 30 s, killing');
    process.kill(pid, 'SIGKILL');
    while (isBrokerProcess(pid)) await sleep(100);
  }
  fs.rmSync(PID_FILE, { force: true });
  console.log(`kafka stopped (pid ${pid})`);
}

async function status() {
  const pid = runningPid();
  const ready = await isReady();
  if (pid && ready) console.log(`kafka running on ${HOST}:${PORT} (pid ${pid}, data ${DATA})`);
  else if (pid) console.log(`kafka process ${pid} is up but does not answer on ${HOST}:${PORT} yet`);
  else if (ready) console.log(`a Kafka broker answers on ${HOST}:${PORT} (not started by this script)`);
  else console.log(`kafka is not running (start it with: npm run kafka -- start)`);
  process.exitCode = ready ? 0 : 1;
}

function printTail(file, lines) {
  if (!fs.existsSync(file)) return;
  const text = fs.readFileSync(file, 'utf8').split('\n');
  console.log(`==> ${file} <==`);
  console.log(text.slice(-lines - 1).join('\n'));
}

async function logs(args) {
  const n = args.includes('-n') ? Number(args[args.indexOf('-n') + 1]) : 100;
  const file = path.join(LOGS, 'server.log');
  if (!fs.existsSync(file)) fail(`no log yet at ${file}`);
  printTail(file, n);
  if (!args.includes('-f')) return;
  let size = fs.statSync(file).size;
  for (;;) {
    await sleep(500);
    const now = fs.existsSync(file) ? fs.statSync(file).size : 0;
    if (now < size) size = 0; // rolled over
    if (now > size) {
      const fd = fs.openSync(file, 'r');
      const buf = Buffer.alloc(now - size);
      fs.readSync(fd, buf, 0, buf.length, size);
      fs.closeSync(fd);
      process.stdout.write(buf);
      size = now;
    }
  }
}

const commands = { start, stop, status, logs };
const [command, ...rest] = process.argv.slice(2);
if (!commands[command]) {
  console.error('usage: npm run kafka -- <start|stop|status|logs [-f] [-n LINES]>');
  process.exit(2);
}
commands[command](rest).catch((err) => fail(err.stack || String(err)));
