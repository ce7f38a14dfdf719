import { Config } from '@backstage/config';
import {
  assertDurableStateBackend,
  DataEnclaveConfig,
  parseDataEnclaveConfig,
} from '@data-enclave/plugin-enclave-common';

/**
 * Reads and validates `dataEnclave:`; a bad value stops the backend with the
 * key named, and so does apply mode on local Terraform state (unless
 * `terraform.backend.allowLocalState` is set).
 */
export function readEnclaveConfig(config: Config): DataEnclaveConfig {
  const parsed = parseDataEnclaveConfig(
    config.getOptional('dataEnclave') ?? {},
  );
  assertDurableStateBackend(parsed);
  return parsed;
}
