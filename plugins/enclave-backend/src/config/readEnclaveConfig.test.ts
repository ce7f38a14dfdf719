import {
  startEnclaveTestBackend,
  TEST_ADMIN_GROUP,
} from '../__testUtils__/startEnclaveTestBackend';

/**
 * Issue 16: apply mode must not keep Terraform state on one pod's disk. The
 * refusal happens when the backend starts (the real plugin boot through
 * startTestBackend), so a misconfigured portal never serves, let alone
 * provisions.
 */
describe('apply mode and local Terraform state at startup', () => {
  const start = (dataEnclave: Record<string, unknown>) =>
    startEnclaveTestBackend({
      config: { dataEnclave: { adminGroup: TEST_ADMIN_GROUP, ...dataEnclave } },
    });

  it('refuses to start, naming the key and what to set', async () => {
    await expect(start({ mode: 'apply' })).rejects.toThrow(
      /dataEnclave\.terraform\.backend: apply mode with the local backend[\s\S]*\{ type: s3, bucket, region, kmsKeyId \}[\s\S]*allowLocalState: true/,
    );
  });

  it('starts when the platform allows local state explicitly, or with the S3 backend', async () => {
    for (const stateBackend of [
      { type: 'local', allowLocalState: true },
      {
        type: 's3',
        bucket: 'platform-terraform-state',
        region: 'eu-west-1',
        kmsKeyId: 'alias/terraform-state',
      },
    ]) {
      const backend = await start({
        mode: 'apply',
        terraform: { backend: stateBackend },
      });
      expect(backend.server.listening).toBe(true);
      await backend.stop();
    }
  });

  it('plan mode keeps the local default (nothing is applied, so no state is at risk)', async () => {
    const backend = await start({ mode: 'plan' });
    expect(backend.server.listening).toBe(true);
    await backend.stop();
  });
});
