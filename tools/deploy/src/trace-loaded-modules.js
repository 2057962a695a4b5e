/**
 * Preloaded (`node -r`) by the image tests: when the process exits, writes every module it
 * loaded (require's cache: the project's TypeScript and the packages) to $TRACE_LOADED_MODULES.
 */
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  writeFileSync(process.env.TRACE_LOADED_MODULES, Object.keys(require.cache).join('\n'));
});
