module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'subgraph',
  rootDir: __dirname,
  // One embedded PostgreSQL (PGlite) start takes a few seconds on two cores.
  testTimeout: 30_000,
};
