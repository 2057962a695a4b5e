// The first run resolves helm-java with Maven (a download of ~30 MB into ~/.m2): room for it.
module.exports = { ...require('../../jest.preset.js'), displayName: 'deploy', rootDir: __dirname, testTimeout: 120_000 };
