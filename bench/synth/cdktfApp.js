// The cdktf app the `cdktf synth` CLI runs in the benchmark: the same
// environment as the cold run, written where the CLI asks (CDKTF_OUTDIR).
require('@backstage/cli-node/config/nodeTransform.cjs');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const {
  synthesizeEnvironment,
} = require('../../plugins/enclave-node/src/stack/synthesizeEnvironment.ts');

const spec = JSON.parse(
  readFileSync(join(__dirname, '../../examples/environment.json'), 'utf8'),
);
synthesizeEnvironment(spec, process.env.CDKTF_OUTDIR || 'cdktf.out');
