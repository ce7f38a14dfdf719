import { Config } from '@backstage/config';
import {
  DataEnclaveConfig,
  parseDataEnclaveConfig,
} from '@data-enclave/plugin-enclave-common';

/** Reads and validates `dataEnclave:`; a bad value stops the backend with the key named. */
export function readEnclaveConfig(config: Config): DataEnclaveConfig {
  return parseDataEnclaveConfig(config.getOptional('dataEnclave') ?? {});
}
