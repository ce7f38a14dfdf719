// Plain-node entry point: `node bench/fleet/run.js [--n 10,20] [--full]`.
require('@backstage/cli-node/config/nodeTransform.cjs');
require('./run.ts');
