import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSections } from '@sim/embedded';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));

describe('README', () => {
  it('opens with the two commands: start the platform, run the tests', () => {
    const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)![1];
    expect(firstBlock).toMatch(/^npm ci && npm start\b/m);
    expect(firstBlock).toMatch(/^npm test\b/m);
    expect(packageJson.scripts.start).toBeDefined();
    expect(packageJson.scripts.test).toBeDefined();
  });

  it('documents every configuration variable a process reads', () => {
    const variables = configSections.flatMap((s) => Object.values(s.definition).map((spec) => spec.env));
    const missing = variables.filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('names only npm scripts that exist', () => {
    const named = [...readme.matchAll(/npm run (?:-s )?([\w:-]+)/g)].map((m) => m[1]);
    expect(named.filter((script) => !(script in packageJson.scripts))).toEqual([]);
  });
});
