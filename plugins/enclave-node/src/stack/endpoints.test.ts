/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { INTERFACE_ENDPOINT_SERVICES } from '../awsFacts';
import { EnclaveEndpoints } from './endpoints';
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
    stackBucketNames: ['enclave-test-data-123456789012'],
    subnetIds: ['subnet-a', 'subnet-b'],
    routeTableIds: ['rtb-a', 'rtb-b'],
  };
  const json = synthConstruct(scope => {
    const endpoints = new EnclaveEndpoints(scope, 'endpoints', props);
    endpoints.admitHttpsFrom('emr-core', 'sg-core');
    endpoints.admitHttpsFrom('desktops', 'sg-desktop');
  });
  const endpoints = resourcesOfType(json, 'aws_vpc_endpoint');
  const byService = (service: string) =>
    endpoints.find(
      e => e.service_name === `com.amazonaws.eu-west-1.${service}`,
    )!;

  const bothPerimeters = {
    StringEquals: {
      'aws:PrincipalAccount': '123456789012',
      'aws:ResourceAccount': '123456789012',
    },
  };
  const identityOnly = {
    StringEquals: { 'aws:PrincipalAccount': '123456789012' },
  };

  it("limits the S3 gateway endpoint to own principals on the stack's buckets, plus anyone reading the AWS repositories (unsigned)", () => {
    const s3 = byService('s3');
    expect(s3).toMatchObject({
      vpc_endpoint_type: 'Gateway',
      route_table_ids: ['rtb-a', 'rtb-b'],
    });
    const statements = parsePolicy(s3.policy).Statement;
    // No write to any AWS-owned bucket: EMR logs stay in the data bucket (launch spec).
    expect(statements).toHaveLength(2);
    const [own, repos] = statements;
    expect(own.Condition).toEqual(bothPerimeters);
    // Not every bucket of the account: only the data bucket and its objects.
    expect(own).toMatchObject({
      Sid: 'OwnPrincipalsToStackBuckets',
      Action: '*',
      Resource: [
        'arn:aws:s3:::enclave-test-data-123456789012',
        'arn:aws:s3:::enclave-test-data-123456789012/*',
      ],
    });
    // Unsigned (dnf, EMR bootstrap): no Condition, s3:GetObject on the repositories only.
    expect(repos).toMatchObject({
      Sid: 'AnyCallerReadsAwsRepositories',
      Principal: '*',
      Action: ['s3:GetObject'],
    });
    expect(repos.Condition).toBeUndefined();
    expect(repos.Resource).toEqual([
      'arn:aws:s3:::repo.eu-west-1.emr.amazonaws.com/*',
      'arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*',
    ]);
    const dynamodb = byService('dynamodb');
    expect(dynamodb.vpc_endpoint_type).toBe('Gateway');
    expect(parsePolicy(dynamodb.policy).Statement).toEqual([
      expect.objectContaining({ Condition: bothPerimeters }),
    ]);
  });

  it('creates each interface endpoint with private DNS, the endpoint SG and both perimeters where a policy is supported', () => {
    for (const fact of INTERFACE_ENDPOINT_SERVICES) {
      const endpoint = byService(fact.service);
      expect(endpoint).toMatchObject({
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        subnet_ids: ['subnet-a', 'subnet-b'],
      });
      expect(endpoint.security_group_ids).toHaveLength(1);
    }
    for (const fact of INTERFACE_ENDPOINT_SERVICES.filter(
      f => !f.supportsPolicy,
    )) {
      expect(byService(fact.service).policy).toBeUndefined();
    }
    for (const fact of INTERFACE_ENDPOINT_SERVICES.filter(
      f => f.supportsPolicy,
    )) {
      const endpoint = byService(fact.service);
      const [own, ...exceptions] = parsePolicy(endpoint.policy).Statement;
      expect(own).toMatchObject({
        Action: '*',
        Resource: '*',
        Condition: bothPerimeters,
      });
      // Exceptions keep the identity perimeter and list exact actions.
      expect(exceptions.map((e: any) => e.Sid)).toEqual(
        fact.exceptions.map(e => e.sid),
      );
      for (const exception of exceptions) {
        expect(exception.Condition).toEqual(identityOnly);
        expect(exception.Action.join()).not.toContain('*');
      }
    }
    expect(endpoints).toHaveLength(INTERFACE_ENDPOINT_SERVICES.length + 2);
    // The SSM agent is not enabled (no ssm:* on the instance role), so the
    // SSM endpoint admits none of its calls: only read-only AWS parameters
    // and documents beyond the environment's own resources.
    const ssm = parsePolicy(byService('ssm').policy).Statement;
    expect(ssm.flatMap((st: any) => [st.Action].flat())).not.toContain(
      'ssm:GetManifest',
    );
    expect(ssm.map((st: any) => st.Sid)).toEqual([
      'OwnPrincipalsToOwnResources',
      'OwnPrincipalsReadAwsParametersAndDocuments',
    ]);
  });

  it('uses aws:ResourceOrgID for the resource perimeter when an organization is configured', () => {
    const orgJson = synthConstruct(scope => {
      new EnclaveEndpoints(scope, 'endpoints', {
        ...props,
        organizationId: 'o-a1b2c3d4e5',
      });
    });
    const kms = resourcesOfType(orgJson, 'aws_vpc_endpoint').find(
      e => e.service_name === 'com.amazonaws.eu-west-1.kms',
    )!;
    expect(parsePolicy(kms.policy).Statement[0].Condition).toEqual({
      StringEquals: {
        'aws:PrincipalAccount': '123456789012',
        'aws:ResourceOrgID': 'o-a1b2c3d4e5',
      },
    });
  });

  it('lets only HTTPS from the admitted groups reach the interface endpoints', () => {
    const rules = resourcesOfType(json, 'aws_vpc_security_group_ingress_rule');
    expect(
      rules
        .map(r => [
          r.referenced_security_group_id,
          r.ip_protocol,
          r.from_port,
          r.to_port,
        ])
        .sort(),
    ).toEqual([
      ['sg-core', 'tcp', 443, 443],
      ['sg-desktop', 'tcp', 443, 443],
    ]);
    // No CIDR source: an address of the VPC outside these groups gets nothing.
    for (const rule of rules) expect(rule.cidr_ipv4).toBeUndefined();
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
    expect(() =>
      synthConstruct(
        scope =>
          new EnclaveEndpoints(scope, 'e', {
            ...props,
            organizationId: 'my-org',
          }),
      ),
    ).toThrow(/prop 'organizationId'.*dataEnclave\.guardrails\.organizationId/);
    expect(() =>
      synthConstruct(
        scope =>
          new EnclaveEndpoints(scope, 'e', { ...props, stackBucketNames: [] }),
      ),
    ).toThrow(/prop 'stackBucketNames' must be a list with at least 1/);
  });
});
