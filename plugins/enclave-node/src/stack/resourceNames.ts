/*
 * Names of an environment's resources that code outside Terraform needs
 * (decommission empties the bucket and stops the on-demand cluster before
 * `terraform destroy`), derived from the spec the same way the stack derives
 * them. No cdktf import: the lifecycle code uses it without synthesizing.
 */
import {
  ENCLAVE_TAG_KEYS,
  EnvironmentSpec,
  enclaveDefaultTags,
  environmentResourcePrefix,
} from '@data-enclave/plugin-enclave-common';

/** The data bucket: `<prefix>-<account>` (globally unique, and per account). */
export function environmentDataBucketName(spec: EnvironmentSpec): string {
  return `${environmentResourcePrefix(spec)}-${spec.accountId}`;
}

/** The on-demand EMR cluster's name and `enclave:environment` tag value. */
export function environmentSparkCluster(spec: EnvironmentSpec): {
  name: string;
  environment: string;
} {
  return {
    name: environmentResourcePrefix(spec),
    environment: enclaveDefaultTags(spec)[ENCLAVE_TAG_KEYS.environment],
  };
}
