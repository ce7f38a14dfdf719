import {
  CreateSecretCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { ResetUserPasswordCommand } from '@aws-sdk/client-directory-service';
import { setInitialPassword, userSecretName } from './userSecrets';
import {
  DIRECTORY_ID,
  FakeAws,
  KMS_KEY_ARN,
  fakeTiming,
} from './__testUtils__/fakeAws';

describe('initial password secrets (mocked AWS)', () => {
  let aws: FakeAws;
  afterEach(() => aws?.restore());

  const options = () => ({
    environment: 'dev',
    directoryId: DIRECTORY_ID,
    username: 'jdoe',
    kmsKeyArn: KMS_KEY_ARN,
    tags: { 'enclave:team': 'a' },
    clients: aws.clients,
    timing: fakeTiming(),
  });

  it('resets the password, then creates a tagged secret under the environment key', async () => {
    aws = new FakeAws();
    aws.directoryUsers.set('jdoe', {});
    await expect(setInitialPassword(options())).resolves.toBe(
      'enclave/dev/jdoe',
    );
    const [reset] = aws.mocks.directoryService.commandCalls(
      ResetUserPasswordCommand,
    );
    const [create] = aws.mocks.secretsManager.commandCalls(CreateSecretCommand);
    const password = reset.args[0].input.NewPassword!;
    expect(create.args[0].input).toEqual({
      Name: 'enclave/dev/jdoe',
      Description: 'Initial WorkSpaces password for jdoe (Data Enclave dev)',
      KmsKeyId: KMS_KEY_ARN,
      SecretString: JSON.stringify({
        username: 'jdoe',
        password,
        directoryId: DIRECTORY_ID,
      }),
      Tags: [
        { Key: 'enclave:team', Value: 'a' },
        { Key: 'enclave:username', Value: 'jdoe' },
      ],
    });
    expect(reset.calledBefore(create)).toBe(true);
  });

  it('puts a new version when the secret exists, restoring one scheduled for deletion', async () => {
    aws = new FakeAws();
    aws.directoryUsers.set('jdoe', {});
    aws.secrets.set('enclave/dev/jdoe', { values: ['old'], deleted: true });
    await setInitialPassword(options());
    expect(
      aws.mocks.secretsManager.commandCalls(RestoreSecretCommand),
    ).toHaveLength(1);
    // CreateSecret on a name scheduled for deletion answers
    // InvalidRequestException (not ResourceExists): restore, then one put.
    expect(
      aws.mocks.secretsManager.commandCalls(PutSecretValueCommand),
    ).toHaveLength(1);
    expect(aws.secrets.get('enclave/dev/jdoe')!.values).toHaveLength(2);
  });

  it('does not store a secret when the reset fails (after the bounded wait for a user that never appears)', async () => {
    aws = new FakeAws();
    await expect(setInitialPassword(options())).rejects.toThrow(
      /Timed out after 1\d\ds waiting for directory user jdoe .*UserDoesNotExistException/,
    );
    expect(aws.count('CreateSecret')).toBe(0);
  });

  it('only accepts names that are valid in a secret name', () => {
    expect(() => userSecretName('dev env', 'jdoe')).toThrow(
      '"dev env" cannot be used in a Secrets Manager secret name',
    );
  });
});
