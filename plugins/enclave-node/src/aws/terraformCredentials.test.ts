import { terraformCredentialsEnv } from './terraformCredentials';

describe('terraformCredentialsEnv', () => {
  it('hands an assumed-role session to terraform as the AWS provider environment', async () => {
    const provider = jest.fn(async () => ({
      accessKeyId: 'ASIATESTKEY',
      secretAccessKey: 'test-secret',
      sessionToken: 'test-session-token',
    }));
    expect(await terraformCredentialsEnv(provider)).toEqual({
      AWS_ACCESS_KEY_ID: 'ASIATESTKEY',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_SESSION_TOKEN: 'test-session-token',
    });
    // Resolved once per call: a fresh session for every terraform run.
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('sets no session token for long-term keys', async () => {
    const env = await terraformCredentialsEnv(async () => ({
      accessKeyId: 'AKIATESTKEY',
      secretAccessKey: 'test-secret',
    }));
    expect(env).toEqual({
      AWS_ACCESS_KEY_ID: 'AKIATESTKEY',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
    });
    expect(env).not.toHaveProperty('AWS_SESSION_TOKEN');
  });
});
