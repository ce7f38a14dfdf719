// Plain-node entry point: `node bench/provision/run.js [--latency 50] [--max-in-flight 50]`.
// Registers Backstage's TypeScript transform, then runs run.ts (same as
// `node -r @backstage/cli-node/config/nodeTransform.cjs bench/provision/run.ts`).
require('@backstage/cli-node/config/nodeTransform.cjs');
require('./run.ts');
