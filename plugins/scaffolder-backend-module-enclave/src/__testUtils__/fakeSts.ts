/*
 * STS is an AWS API, so apply-mode tests mock it too: in apply mode the AWS
 * provider checks its credentials with GetCallerIdentity during `plan` (and
 * pins allowed_account_ids). A loopback server answers as the test account,
 * reached through AWS_ENDPOINT_URL_STS.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

export const TEST_ACCOUNT_ID = '111122223333';

const RESPONSE =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  `<Arn>arn:aws:iam::${TEST_ACCOUNT_ID}:role/enclave-provisioner</Arn><UserId>AROATEST</UserId><Account>${TEST_ACCOUNT_ID}</Account>` +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>';

/** Starts the fake STS for the test file; `url()` is valid inside tests. */
export function useFakeSts(): { url(): string } {
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/xml');
    res.end(RESPONSE);
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
