/*
 * Child process of the synth benchmark: the same synthesis, but loading
 * @cdktf/provider-aws through its package index first, as a conventional
 * cdktf app does (`import { vpc } from '@cdktf/provider-aws'`). Shows what the
 * deep-import rule saves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizeEnvironment } from '../../plugins/enclave-node/src/stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('@cdktf/provider-aws');
const spec = JSON.parse(
  readFileSync(join(__dirname, '../../examples/environment.json'), 'utf8'),
);
synthesizeEnvironment(spec, process.argv[2]);
