// `npm test` runs every spec; `npm test -- test/a.test.ts …` runs just those files. Mocha adds
// command-line files to the config's `spec` rather than replacing it, so the config names the
// whole suite only when the command line names no spec file.
const named = process.argv.slice(2).some((arg) => /\.test\.ts$/.test(arg));

module.exports = {
  spec: named ? [] : ['test/**/*.test.ts'],
  exit: true,
  timeout: 20000,
  require: ['test/setup.ts'],
};
