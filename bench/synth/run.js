// Plain-node entry point: `node bench/synth/run.js [--runs 5] [--strict]`.
// Registers Backstage's TypeScript transform, then runs run.ts (same as
// `node -r @backstage/cli-node/config/nodeTransform.cjs bench/synth/run.ts`).
require('@backstage/cli-node/config/nodeTransform.cjs');
require('./run.ts');
