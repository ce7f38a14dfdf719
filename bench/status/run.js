// Plain-node entry point: `node bench/status/run.js [--duration 5] [--connections 20] [--aws-latency 20]`.
// Registers Backstage's TypeScript transform, then runs run.ts.
require('@backstage/cli-node/config/nodeTransform.cjs');
require('./run.ts');
