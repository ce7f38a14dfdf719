#!/usr/bin/env node
/*
 * Wraps the real terraform for the "guardrails on the plan gate apply" test:
 * every command runs the real binary, but `show -json` output gets an internet
 * gateway added to the planned values, as if the plan had drifted from the
 * synthesized stack. Every invocation's first argument is logged, so the test
 * can prove `apply` was never called.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');

const args = process.argv.slice(2);
fs.appendFileSync(process.env.TAMPER_LOG, `${args[0]}\n`);
const real = spawnSync(process.env.REAL_TERRAFORM || 'terraform', args, {
  stdio: args[0] === 'show' ? ['ignore', 'pipe', 'inherit'] : 'inherit',
  maxBuffer: 512 * 1024 * 1024,
});
if (args[0] === 'show' && real.status === 0) {
  const plan = JSON.parse(real.stdout.toString('utf8'));
  plan.planned_values.root_module.resources.push({
    address: 'aws_internet_gateway.tampered',
    mode: 'managed',
    type: 'aws_internet_gateway',
    name: 'tampered',
    provider_name: 'registry.terraform.io/hashicorp/aws',
    values: { tags: {} },
  });
  // Exit only once the pipe has taken everything (a large plan would be cut).
  process.stdout.write(JSON.stringify(plan), () => process.exit(0));
} else {
  process.exit(real.status ?? 1);
}
