/*
 * STS is an AWS API, so apply-mode tests mock it too: in apply mode the AWS
 * provider checks its credentials with GetCallerIdentity during `plan` (and
 * pins allowed_account_ids). A loopback server answers as the test account,
 * reached through AWS_ENDPOINT_URL_STS. In apply mode the provider also
 * assumes the deployer role (`dataEnclave.accounts[].roleArn`, required so
 * the data bucket can exempt it): AssumeRole answers with temporary
 * credentials (AssumeRoleResponse: Credentials + AssumedRoleUser, botocore
 * sts/2011-06-15/service-2.json), as the role's session.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

export const TEST_ACCOUNT_ID = '111122223333';

const RESPONSE =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  `<Arn>arn:aws:iam::${TEST_ACCOUNT_ID}:role/enclave-provisioner</Arn><UserId>AROATEST</UserId><Account>${TEST_ACCOUNT_ID}</Account>` +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>';

function assumeRoleResponse(roleArn: string): string {
  const roleName = roleArn.split('/').pop() ?? 'role';
  return (
    '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>' +
    `<AssumedRoleUser><AssumedRoleId>AROATEST:terraform</AssumedRoleId><Arn>arn:aws:sts::${TEST_ACCOUNT_ID}:assumed-role/${roleName}/terraform</Arn></AssumedRoleUser>` +
    '<Credentials><AccessKeyId>ASIATEST</AccessKeyId><SecretAccessKey>test</SecretAccessKey><SessionToken>test-session</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>' +
    '</AssumeRoleResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000001</RequestId></ResponseMetadata></AssumeRoleResponse>'
  );
}

/** Starts the fake STS for the test file; `url()` is valid inside tests. */
export function useFakeSts(): { url(): string } {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      const params = new URLSearchParams(body);
      res.setHeader('Content-Type', 'text/xml');
      res.end(
        params.get('Action') === 'AssumeRole'
          ? assumeRoleResponse(params.get('RoleArn') ?? '')
          : RESPONSE,
      );
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));
  return { url: () => url };
}

/** Terraform's credentials in apply-mode tests: fake keys, the fake STS. */
export function testTerraformEnv(stsUrl: string): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_STS: stsUrl,
  };
}
