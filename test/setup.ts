// Loaded by mocha before every spec (see .mocharc.json). Keeps test output quiet by default.
process.env.LOG_LEVEL ??= 'silent';
process.env.NODE_ENV ??= 'test';
