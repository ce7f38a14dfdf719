/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { DEFAULT_INTERFACE_ENDPOINTS, EnclaveEndpoints } from './endpoints';
import {
  parsePolicy,
  resourcesOfType,
  synthConstruct,
} from './__testUtils__/synthJson';

describe('EnclaveEndpoints', () => {
  const props = {
    namePrefix: 'enclave-test',
    region: 'eu-west-1',
    accountId: '123456789012',
    vpcId: 'vpc-1',
    vpcCidr: '10.1.0.0/16',
    subnetIds: ['subnet-a', 'subnet-b'],
    routeTableIds: ['rtb-a', 'rtb-b'],
  };
  const json = synthConstruct(scope => {
    new EnclaveEndpoints(scope, 'endpoints', props);
  });
  const endpoints = resourcesOfType(json, 'aws_vpc_endpoint');
  const byService = (service: string) =>
    endpoints.find(
      e => e.service_name === `com.amazonaws.eu-west-1.${service}`,
    )!;

  it('limits the S3 gateway endpoint to the account plus read-only AWS repositories', () => {
    const s3 = byService('s3');
    expect(s3).toMatchObject({
      vpc_endpoint_type: 'Gateway',
      route_table_ids: ['rtb-a', 'rtb-b'],
    });
    const [own, repos] = parsePolicy(s3.policy).Statement;
    expect(own.Condition).toEqual({
      StringEquals: { 'aws:ResourceAccount': '123456789012' },
    });
    expect(repos.Action).toBe('s3:GetObject');
    expect(repos.Resource).toEqual([
      'arn:aws:s3:::repo.eu-west-1.emr.amazonaws.com/*',
      'arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*',
    ]);
    expect(byService('dynamodb').vpc_endpoint_type).toBe('Gateway');
  });

  it('creates each interface endpoint with private DNS, the endpoint SG and a policy where supported', () => {
    for (const { service, supportsPolicy } of DEFAULT_INTERFACE_ENDPOINTS) {
      const endpoint = byService(service);
      expect(endpoint).toMatchObject({
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        subnet_ids: ['subnet-a', 'subnet-b'],
      });
      expect(endpoint.security_group_ids).toHaveLength(1);
      const condition = endpoint.policy
        ? parsePolicy(endpoint.policy).Statement[0].Condition
        : undefined;
      expect(condition).toEqual(
        supportsPolicy
          ? { StringEquals: { 'aws:PrincipalAccount': '123456789012' } }
          : undefined,
      );
    }
    expect(endpoints).toHaveLength(DEFAULT_INTERFACE_ENDPOINTS.length + 2);
  });

  it('lets only HTTPS from the VPC CIDR reach the interface endpoints', () => {
    const [rule] = resourcesOfType(json, 'aws_vpc_security_group_ingress_rule');
    expect(rule).toMatchObject({
      cidr_ipv4: '10.1.0.0/16',
      from_port: 443,
      to_port: 443,
      ip_protocol: 'tcp',
    });
    expect(
      resourcesOfType(json, 'aws_vpc_security_group_egress_rule'),
    ).toHaveLength(0);
  });

  it('names the bad prop', () => {
    expect(() =>
      synthConstruct(
        scope =>
          new EnclaveEndpoints(scope, 'e', { ...props, accountId: '42' }),
      ),
    ).toThrow(
      /EnclaveEndpoints: prop 'accountId' must be a 12-digit AWS account id/,
    );
  });
});
