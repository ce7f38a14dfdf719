// Plain-node entry point: `node bench/runner/run.js [--runs 3]`.
require('@backstage/cli-node/config/nodeTransform.cjs');
require('./run.ts');
