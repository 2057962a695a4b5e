/**
 * Prints the configuration tables of the README from the config definitions themselves,
 * so the documentation lists exactly the variables each process reads.
 *   node tools/run.js tools/config-docs.ts
 */
import { describeConfig } from '@sim/config';
import { configSections } from '@sim/embedded';

for (const section of configSections) {
  console.log(`\n#### ${section.title}\n\n| Variable | Default | Meaning |\n|---|---|---|`);
  console.log(describeConfig(section.definition).join('\n'));
}
