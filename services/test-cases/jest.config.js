module.exports = { ...require('../../jest.preset.js'), displayName: 'test-cases', rootDir: __dirname };
