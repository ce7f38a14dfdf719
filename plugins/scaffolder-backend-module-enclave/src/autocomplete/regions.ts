import { InputError } from '@backstage/errors';
import { DataEnclaveConfig } from '@data-enclave/plugin-enclave-common';

/** Display names so the picker reads "eu-west-1 (Europe, Ireland)", not just a code. */
const REGION_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'US East, N. Virginia',
  'us-west-2': 'US West, Oregon',
  'ap-south-1': 'Asia Pacific, Mumbai',
  'ap-northeast-1': 'Asia Pacific, Tokyo',
  'ap-northeast-2': 'Asia Pacific, Seoul',
  'ap-southeast-1': 'Asia Pacific, Singapore',
  'ap-southeast-2': 'Asia Pacific, Sydney',
  'ca-central-1': 'Canada, Central',
  'eu-central-1': 'Europe, Frankfurt',
  'eu-west-1': 'Europe, Ireland',
  'eu-west-2': 'Europe, London',
  'sa-east-1': 'South America, São Paulo',
};

/**
 * The regions a template may offer: exactly `dataEnclave.allowedRegions`, in
 * config order, so the platform team's list is the only source of truth.
 */
export function listAllowedRegions(config: DataEnclaveConfig): {
  results: Array<{ title: string; id: string }>;
} {
  return {
    results: config.allowedRegions.map(id => ({
      id,
      title: REGION_NAMES[id] ? `${id} (${REGION_NAMES[id]})` : id,
    })),
  };
}

/**
 * Autocomplete provider `enclave` for the scaffolder's
 * `POST /v2/autocomplete/enclave/:resource`. The token is ignored: regions are
 * platform config, not something read with the user's SCM credentials.
 */
export function createEnclaveAutocompleteHandler(config: DataEnclaveConfig) {
  return async ({ resource }: { resource: string }) => {
    if (resource === 'regions') return listAllowedRegions(config);
    throw new InputError(
      `Unknown enclave autocomplete resource '${resource}'; supported: regions`,
    );
  };
}
