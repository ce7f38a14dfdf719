/*
 * The stack's outputs as the registry, the card and the desktops step read
 * them. The output names are defined in enclaveStack.ts (ENCLAVE_OUTPUTS);
 * this is the one place that maps `terraform output -json` onto the typed
 * EnvironmentOutputs of enclave-common, so no caller indexes snake_case keys.
 */
import type { EnvironmentOutputs } from '@data-enclave/plugin-enclave-common';

/**
 * Registry field → stack output it is read from (ids only, never secrets).
 * Output names are strings, not EnclaveOutputName, so that an output the
 * stack stops emitting (e.g. when EMR moves to on-demand launch) reads as
 * absent instead of breaking older records' readers.
 */
const OUTPUT_FIELDS: Record<
  keyof EnvironmentOutputs,
  { output: string; shape?: 'list' | 'object' }
> = {
  vpcId: { output: 'vpc_id' },
  subnetIds: { output: 'subnet_ids', shape: 'list' },
  directoryId: { output: 'directory_id' },
  directoryDnsIps: { output: 'directory_dns_ip_addresses', shape: 'list' },
  registrationCode: { output: 'workspaces_registration_code' },
  emrClusterId: { output: 'emr_cluster_id' },
  emrPrimaryDns: { output: 'emr_primary_dns' },
  dataBucketName: { output: 'data_bucket_name' },
  kmsKeyArn: { output: 'kms_key_arn' },
  flowLogGroup: { output: 'flow_log_group_name' },
  emrLaunchSpec: { output: 'emr_launch_spec', shape: 'object' },
};

/**
 * Reads the runner's `outputs()` (non-sensitive values by output name).
 * A missing or mistyped value is left out rather than guessed.
 */
export function readEnvironmentOutputs(
  raw: Record<string, unknown>,
): EnvironmentOutputs {
  const outputs: Record<string, unknown> = {};
  for (const [field, { output, shape }] of Object.entries(OUTPUT_FIELDS)) {
    if (hasShape(raw[output], shape ?? 'string')) outputs[field] = raw[output];
  }
  return outputs as EnvironmentOutputs;
}

function hasShape(value: unknown, shape: 'list' | 'object' | 'string') {
  if (shape === 'list') return Array.isArray(value);
  if (shape === 'object')
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === 'string';
}
