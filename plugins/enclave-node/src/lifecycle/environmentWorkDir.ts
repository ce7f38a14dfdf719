import { resolve } from 'node:path';
import {
  DataEnclaveConfig,
  environmentEntityName,
} from '@data-enclave/plugin-enclave-common';

/**
 * Where an applied environment's stack and local state live, shared by
 * provisioning and every later operation: Terraform must find the state that
 * the apply wrote. (With the S3 backend the state is remote and this is just
 * a scratch dir.)
 */
export function environmentWorkDir(
  config: DataEnclaveConfig,
  environment: { team: string; name: string },
): string {
  return resolve(
    config.terraform.workDir,
    environmentEntityName(environment.team, environment.name),
  );
}
