// `npm test` runs every spec; `npm test -- test/a.test.ts …` runs just those files. Mocha adds
// command-line files to the config's `spec` rather than replacing it, so the config names the
// whole suite only when the command line names no spec file (a file after --ignore is not one).
const args = process.argv.slice(2);
const named = args.some((arg, i) => /\.test\.ts$/.test(arg) && !arg.startsWith('-') && !['--ignore', '--exclude'].includes(args[i - 1]));

module.exports = {
  spec: named ? [] : ['test/**/*.test.ts'],
  exit: true,
  timeout: 20000,
  require: ['test/setup.ts'],
};
