import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import {
  createEnclaveAutocompleteHandler,
  listAllowedRegions,
} from './regions';

describe('listAllowedRegions', () => {
  it('offers exactly the configured regions, in config order, with names', () => {
    const config = parseDataEnclaveConfig({
      allowedRegions: ['us-east-1', 'eu-west-1'],
    });
    expect(listAllowedRegions(config)).toEqual({
      results: [
        { id: 'us-east-1', title: 'us-east-1 (US East, N. Virginia)' },
        { id: 'eu-west-1', title: 'eu-west-1 (Europe, Ireland)' },
      ],
    });
  });

  it('falls back to the code for regions without a display name', () => {
    const config = parseDataEnclaveConfig({ allowedRegions: ['me-south-1'] });
    expect(listAllowedRegions(config).results).toEqual([
      { id: 'me-south-1', title: 'me-south-1' },
    ]);
  });
});

describe('createEnclaveAutocompleteHandler', () => {
  const handler = createEnclaveAutocompleteHandler(
    parseDataEnclaveConfig({ allowedRegions: ['eu-west-1'] }),
  );

  it('serves the regions resource', async () => {
    await expect(handler({ resource: 'regions' })).resolves.toEqual({
      results: [{ id: 'eu-west-1', title: 'eu-west-1 (Europe, Ireland)' }],
    });
  });

  it('names the supported resources for anything else', async () => {
    await expect(handler({ resource: 'bundles' })).rejects.toThrow(
      "Unknown enclave autocomplete resource 'bundles'; supported: regions",
    );
  });
});
