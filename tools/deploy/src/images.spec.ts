/**
 * The images, checked without a Docker engine: what each Dockerfile copies exists and passes
 * .dockerignore, the final stage runs as a non-root user with a health check, and every module
 * an entry point loads when it starts is in its image (the service images drop the web app's
 * packages, and no image carries dev dependencies).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { TopicSpecs } from '@sim/contracts';
import { commandOf, copiesOf, imageContents, readDockerfile, readDockerignore, type ImageContents } from './dockerfile';
import { traceStart, type Trace } from './module-trace';
import { fromRoot, repoRoot } from './paths';
import { topicsCreatedBy } from './topics';

interface Image {
  component: string;
  dockerfile: string;
  port: number;
  portVariable: string;
}

const images: Image[] = [
  { component: 'test-cases', dockerfile: 'services/test-cases/Dockerfile', port: 4101, portVariable: 'PORT' },
  { component: 'generation', dockerfile: 'services/generation/Dockerfile', port: 4102, portVariable: 'PORT' },
  { component: 'orchestrator', dockerfile: 'services/orchestrator/Dockerfile', port: 4103, portVariable: 'PORT' },
  { component: 'simulation', dockerfile: 'services/simulation/Dockerfile', port: 4104, portVariable: 'PORT' },
  { component: 'evaluation', dockerfile: 'services/evaluation/Dockerfile', port: 4105, portVariable: 'PORT' },
  { component: 'gateway', dockerfile: 'gateway/Dockerfile', port: 4000, portVariable: 'GATEWAY_PORT' },
  { component: 'web', dockerfile: 'web/Dockerfile', port: 3000, portVariable: 'WEB_PORT' },
];
const backendImages = images.filter((image) => image.component !== 'web');

const compose = parse(readFileSync(fromRoot('docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, any> };
const migrationCommand: string[] = compose.services.migrate.command;
const isIgnored = readDockerignore();
const lockfile = JSON.parse(readFileSync(fromRoot('package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };

const finalStage = (image: Image) => readDockerfile(image.dockerfile).at(-1)!;
const instruction = (image: Image, keyword: string) => finalStage(image).instructions.filter((i) => i.keyword === keyword);

describe('the Dockerfiles', () => {
  it.each(images)('$component: builds in stages and runs its entry point as a non-root user', (image) => {
    const stages = readDockerfile(image.dockerfile);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const user = instruction(image, 'USER').at(-1)?.args ?? '';
    // Numeric, so that Kubernetes' runAsNonRoot can verify it; not root.
    expect(user).toMatch(/^[1-9][0-9]*(:[0-9]+)?$/);
    const command = commandOf(finalStage(image));
    expect(command.slice(0, 4)).toEqual(['node', '--enable-source-maps', '-r', '@swc-node/register']);
    expect(existsSync(fromRoot(command.at(-1)!))).toBe(true);
    expect(instruction(image, 'EXPOSE').map((i) => i.args)).toEqual([String(image.port)]);
  });

  it.each(images)('$component: checks its own health on its port', (image) => {
    const healthcheck = instruction(image, 'HEALTHCHECK').at(-1)?.args ?? '';
    expect(healthcheck).toContain(`process.env.${image.portVariable} || ${image.port}`);
    expect(healthcheck).toMatch(/--interval=\d+s .*CMD \["node", "-e"/);
  });

  it.each(images)('$component: copies only files that exist and that .dockerignore lets through, to their own paths', (image) => {
    const stages = readDockerfile(image.dockerfile);
    const sources = stages.flatMap((stage) => copiesOf(stage).filter((copy) => !copy.from).flatMap((copy) => copy.sources));
    expect(sources.filter((source) => !existsSync(fromRoot(source)))).toEqual([]);
    expect(sources.filter((source) => isIgnored(source.replace(/^\.\//, '')))).toEqual([]);
    // The code finds files relative to itself (the supergraph, the web build): layout as in the repository.
    expect(imageContents(stages).displaced).toEqual([]);
  });

  it('every backend image installs its dependencies with the same instructions, so a build of several installs once', () => {
    const depsStage = (image: Image) => JSON.stringify(readDockerfile(image.dockerfile).find((stage) => stage.name === 'deps'));
    const distinct = new Set(backendImages.map(depsStage));
    expect(distinct.size).toBe(1);
    expect([...distinct][0]).toContain('npm ci --omit=dev');
  });

  it('.dockerignore keeps tests, local data and build output out of the build context', () => {
    for (const kept of ['libs/bus/src/kafka/kafka-bus.spec.ts', 'node_modules/kafkajs/package.json', 'web/.next/BUILD_ID', '.git/HEAD', '.data/pglite/PG_VERSION', 'tmp/x.log', '.kafka/data/meta.properties']) {
      expect([kept, isIgnored(kept)]).toEqual([kept, true]);
    }
    for (const sent of ['libs/bus/src/index.ts', 'services/simulation/src/main.ts', 'gateway/supergraph.graphql', 'web/app/layout.tsx', 'package-lock.json', 'tools/migrate.ts']) {
      expect([sent, isIgnored(sent)]).toEqual([sent, false]);
    }
  });
});

/** Why a loaded file would be missing from the image, or undefined when it is there. */
function missingFromImage(file: string, contents: ImageContents): string | undefined {
  const relative = path.relative(repoRoot, file).split(path.sep).join('/');
  if (relative.startsWith('..') || relative === 'tools/deploy/src/trace-loaded-modules.js') return undefined;
  if (relative.startsWith('node_modules/')) {
    const packageDir = /^((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)/.exec(relative)![1];
    const removed = contents.nodeModules?.removed.find((entry) => packageDir === entry || packageDir.startsWith(entry + '/'));
    if (!contents.nodeModules) return `${relative}: the image has no node_modules`;
    if (removed) return `${relative}: the Dockerfile removes ${removed}`;
    if (contents.nodeModules.omitDev && lockfile.packages[packageDir]?.dev) return `${relative}: a dev dependency, not installed by npm ci --omit=dev`;
    return undefined;
  }
  if (!contents.contextPaths.some((copied) => relative === copied || relative.startsWith(copied + '/'))) return `${relative}: not copied into the image`;
  if (isIgnored(relative)) return `${relative}: excluded by .dockerignore`;
  return undefined;
}

interface Start {
  name: string;
  dockerfile: string;
  command: string[];
  /** One invalid setting: the process loads its modules, then stops with this complaint. */
  env: Record<string, string>;
  complaint: RegExp;
}

const starts: Start[] = [
  ...images.map((image) => ({
    name: image.component,
    dockerfile: image.dockerfile,
    command: commandOf(finalStage(image)),
    env: { [image.portVariable]: 'not-a-port' },
    complaint: new RegExp(image.portVariable),
  })),
  {
    // The migration entry, as docker-compose and the chart's Job run it in the orchestrator image.
    name: 'migrate',
    dockerfile: 'services/orchestrator/Dockerfile',
    command: migrationCommand,
    env: { DATABASE_URL: 'postgres://deploy-test@127.0.0.1:1/none' },
    complaint: /ECONNREFUSED/,
  },
];

describe('every module an entry point loads at start is in its image', () => {
  const traces = new Map<string, Promise<Trace>>();
  // Two at a time: each start compiles a few hundred TypeScript files.
  beforeAll(async () => {
    const queue = [...starts];
    const worker = async () => {
      for (let start = queue.shift(); start; start = queue.shift()) {
        const trace = traceStart(start.command, { ...start.env, SWC_NODE_PROJECT: fromRoot('tsconfig.json') });
        traces.set(start.name, trace);
        await trace;
      }
    };
    await Promise.all([worker(), worker()]);
  }, 240_000);

  it.each(starts)('$name', async (start) => {
    const trace = await traces.get(start.name)!;
    // It got past loading its modules and stopped on the invalid setting, not on a missing module.
    expect(trace.output).toMatch(start.complaint);
    expect(trace.output).not.toMatch(/Cannot find module/);
    expect(trace.exitCode).not.toBe(0);
    expect(trace.loaded.length).toBeGreaterThan(20);
    const contents = imageContents(readDockerfile(start.dockerfile));
    expect(trace.loaded.map((file) => missingFromImage(file, contents)).filter(Boolean)).toEqual([]);
  });

  it('the service images really leave out the web app (the check above would notice a service that loads it)', () => {
    const contents = imageContents(readDockerfile('services/simulation/Dockerfile'));
    expect(missingFromImage(fromRoot('node_modules/next/dist/server/next.js'), contents)).toMatch(/removes node_modules\/next/);
    expect(missingFromImage(fromRoot('web/server/index.ts'), contents)).toMatch(/not copied/);
    expect(missingFromImage(fromRoot('node_modules/jest/package.json'), contents)).toMatch(/dev dependency/);
    expect(missingFromImage(fromRoot('libs/bus/src/kafka/kafka-bus.spec.ts'), contents)).toMatch(/\.dockerignore/);
  });
});

describe('docker-compose.yml', () => {
  it('builds every image from its Dockerfile and runs the migrations in the orchestrator image first', () => {
    const built = Object.values(compose.services).filter((service) => service.build).map((service) => service.build.dockerfile);
    expect(new Set(built)).toEqual(new Set(images.map((image) => image.dockerfile)));
    for (const dockerfile of built) expect(existsSync(fromRoot(dockerfile))).toBe(true);
    expect(compose.services.migrate.build.dockerfile).toBe('services/orchestrator/Dockerfile');
    expect(migrationCommand.at(-1)).toBe('tools/migrate.ts');
    for (const name of ['test-cases', 'generation', 'orchestrator', 'simulation', 'evaluation']) {
      expect(compose.services[name].depends_on.migrate.condition).toBe('service_completed_successfully');
    }
  });

  it('runs Kafka in KRaft mode from the apache/kafka image and creates every topic as libs/contracts specifies', () => {
    expect(compose.services.kafka.image).toMatch(/^apache\/kafka:4\./);
    expect(compose.services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    const script: string = compose.services['kafka-topics'].command.join('\n').replaceAll('$$', '$');
    expect(topicsCreatedBy(script)).toEqual(TopicSpecs.map((t) => ({ name: t.name, partitions: t.partitions, compacted: t.compacted })));
    expect(script).toContain('--topic "$1.dlq"');
  });

  it('starts the gateway once every service is healthy, and the web app pointing at the gateway', () => {
    const gateway = compose.services.gateway;
    expect(Object.keys(gateway.depends_on).sort()).toEqual(['evaluation', 'generation', 'orchestrator', 'simulation', 'test-cases']);
    expect(Object.values(gateway.depends_on).every((d: any) => d.condition === 'service_healthy')).toBe(true);
    expect(compose.services.web.environment.GATEWAY_URL).toBe('http://gateway:4000');
    expect(compose.services.web.ports).toEqual(['3000:3000']);
  });
});
