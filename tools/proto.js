#!/usr/bin/env node
/**
 * Protobuf contracts: proto/ -> libs/contracts/src/gen (committed).
 *
 *   node tools/proto.js generate   regenerate libs/contracts/src/gen
 *   node tools/proto.js check      buf lint + buf format check, then fail (exit 1) when the
 *                                  committed generated code differs from a fresh generation
 *
 * Uses the buf binary and the protoc-gen-es plugin installed in node_modules, so it runs
 * offline. buf runs from the repository root; proto/buf.gen.yaml's `out` is relative to it.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const protoDir = 'proto';
const template = path.join(protoDir, 'buf.gen.yaml');
const genDir = path.join('libs', 'contracts', 'src', 'gen');
const binDir = path.join(root, 'node_modules', '.bin');

function buf(args) {
  const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` };
  const result = spawnSync(path.join(binDir, 'buf'), args, { cwd: root, env, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Generates into `outputBase` (buf.gen.yaml's `out` paths are resolved under it). */
function generate(outputBase = '.') {
  return buf(['generate', protoDir, '--template', template, '--output', outputBase]);
}

function listFiles(dir, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(prefix, entry.name);
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
  });
}

/** Files that differ between the committed and the fresh generation, with why. */
function drift(committedDir, freshDir) {
  const committed = new Set(listFiles(committedDir));
  const fresh = new Set(listFiles(freshDir));
  const problems = [];
  for (const file of fresh) {
    if (!committed.has(file)) problems.push(`missing   ${path.join(genDir, file)}`);
    else if (!fs.readFileSync(path.join(committedDir, file)).equals(fs.readFileSync(path.join(freshDir, file)))) {
      problems.push(`modified  ${path.join(genDir, file)}`);
    }
  }
  for (const file of committed) {
    if (!fresh.has(file)) problems.push(`extra     ${path.join(genDir, file)}`);
  }
  return problems.sort();
}

function check() {
  let failed = false;
  if (buf(['lint', protoDir]) !== 0) {
    console.error('proto: buf lint failed (see above).');
    failed = true;
  }
  if (buf(['format', protoDir, '--diff', '--exit-code']) !== 0) {
    console.error('proto: files are not formatted; run `npx buf format -w proto`.');
    failed = true;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'proto-check-'));
  try {
    if (generate(tmp) !== 0) {
      console.error('proto: buf generate failed (see above).');
      return 1;
    }
    const problems = drift(path.join(root, genDir), path.join(tmp, genDir));
    if (problems.length > 0) {
      console.error(`proto: generated code is out of date; run \`npm run proto:generate\`:\n  ${problems.join('\n  ')}`);
      failed = true;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (!failed) console.log(`proto: lint, format and ${genDir} are up to date.`);
  return failed ? 1 : 0;
}

function main(command) {
  switch (command) {
    case 'generate': {
      const status = generate();
      if (status === 0) console.log(`proto: generated ${genDir}`);
      return status;
    }
    case 'check':
      return check();
    default:
      console.error('usage: node tools/proto.js <generate|check>');
      return 2;
  }
}

process.exitCode = main(process.argv[2]);
