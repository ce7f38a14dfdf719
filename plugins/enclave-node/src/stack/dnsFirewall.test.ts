/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { AWS_SERVICE_FIREWALL_DOMAINS } from '../awsFacts';
import { EnclaveDnsFirewall } from './dnsFirewall';
import { EnclaveFlowLogs } from './flowLogs';
import { EnclaveKmsKey } from './kmsKey';
import {
  onlyResource,
  parsePolicy,
  resourcesOfType,
  synthConstruct,
} from './__testUtils__/synthJson';

describe('EnclaveDnsFirewall', () => {
  const json = synthConstruct(
    scope =>
      new EnclaveDnsFirewall(scope, 'dns', {
        namePrefix: 'enclave-test',
        vpcId: 'vpc-1',
        directoryDomain: 'analytics.enclave.internal',
        allowedExtraDomains: ['pypi.org'],
      }),
  );

  it('allows AWS, the directory name (not its subdomains) and configured domains, and blocks the rest', () => {
    const lists = resourcesOfType(
      json,
      'aws_route53_resolver_firewall_domain_list',
    );
    const allow = lists.find(l => l.name === 'enclave-test-allow')!;
    expect(allow.domains).toEqual([
      'amazonaws.com.',
      '*.amazonaws.com.',
      'ec2.internal.',
      '*.ec2.internal.',
      'compute.internal.',
      '*.compute.internal.',
      'analytics.enclave.internal.',
      'pypi.org.',
    ]);
    expect(
      lists.find(l => l.name === 'enclave-test-block-all')!.domains,
    ).toEqual(['*']);
    expect(allow.domains).toEqual(
      expect.arrayContaining([...AWS_SERVICE_FIREWALL_DOMAINS]),
    );
    const rules = resourcesOfType(json, 'aws_route53_resolver_firewall_rule');
    expect(rules.map(r => [r.action, r.priority])).toEqual([
      ['ALLOW', 100],
      ['BLOCK', 200],
    ]);
    expect(
      onlyResource(json, 'aws_route53_resolver_firewall_rule_group_association')
        .vpc_id,
    ).toBe('vpc-1');
    expect(
      onlyResource(json, 'aws_route53_resolver_firewall_config')
        .firewall_fail_open,
    ).toBe('DISABLED');
  });

  it("rejects '*' as an extra allowed domain", () => {
    expect(() =>
      synthConstruct(
        scope =>
          new EnclaveDnsFirewall(scope, 'dns', {
            namePrefix: 'p',
            vpcId: 'vpc-1',
            directoryDomain: 'a.internal',
            allowedExtraDomains: ['*'],
          }),
      ),
    ).toThrow(/prop 'allowedExtraDomains\/directoryDomain' has '\*'/);
  });
});

describe('EnclaveKmsKey and EnclaveFlowLogs', () => {
  const json = synthConstruct(scope => {
    const kms = new EnclaveKmsKey(scope, 'kms', {
      namePrefix: 'enclave-test',
      region: 'eu-west-1',
      accountId: '123456789012',
    });
    new EnclaveFlowLogs(scope, 'flow', {
      namePrefix: 'enclave-test',
      accountId: '123456789012',
      vpcId: 'vpc-1',
      kmsKeyArn: kms.key.arn,
    });
  });

  it('creates a rotating key whose logs statement is bound by encryption context', () => {
    const key = onlyResource(json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    const statements = parsePolicy(key.policy).Statement;
    // Delegation to IAM plus the Logs service principal (kmsKey.ts header).
    expect(statements.map(s => s.Sid)).toEqual([
      'EnableIamPolicies',
      'CloudWatchLogsFlowLogs',
    ]);
    expect(
      statements[1].Condition.ArnLike['kms:EncryptionContext:aws:logs:arn'],
    ).toBe(
      'arn:aws:logs:eu-west-1:123456789012:log-group:/enclave/enclave-test/*',
    );
  });

  it('logs ALL traffic to an encrypted, retained log group via a role scoped to it', () => {
    expect(onlyResource(json, 'aws_flow_log')).toMatchObject({
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      vpc_id: 'vpc-1',
    });
    const group = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(group.retention_in_days).toBe(365);
    expect(group.kms_key_id).toMatch(/aws_kms_key/);
    const [statement] = parsePolicy(
      onlyResource(json, 'aws_iam_role_policy').policy,
    ).Statement;
    expect(statement.Resource).toEqual([
      expect.stringMatching(/aws_cloudwatch_log_group\..*\.arn/),
      expect.stringMatching(/aws_cloudwatch_log_group\..*\.arn\}:\*/),
    ]);
  });

  it('rejects a retention CloudWatch does not accept', () => {
    expect(() =>
      synthConstruct(
        scope =>
          new EnclaveFlowLogs(scope, 'flow', {
            namePrefix: 'p',
            accountId: '123456789012',
            vpcId: 'vpc-1',
            kmsKeyArn: 'arn',
            retentionInDays: 42,
          }),
      ),
    ).toThrow(/prop 'retentionInDays' must be one of/);
  });
});
