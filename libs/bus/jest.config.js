module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'bus',
  rootDir: __dirname,
  // The Kafka spec talks to a real broker: consumer-group joins take seconds.
  testTimeout: 30_000,
};
