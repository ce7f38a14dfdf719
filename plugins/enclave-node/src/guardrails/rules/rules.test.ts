/*
 * Rule semantics on small hand-written documents: what a reference, an
 * unknown value or a config relaxation means for each rule. The stack-based
 * suites (../stackGuardrails.test.ts, ../guardrails.engine.test.ts) cover the
 * real stack and its mutants.
 */
import { checkGuardrails } from '../checkGuardrails';
import type { GuardrailOptions, GuardrailRuleId } from '../types';

type Json = Record<string, any>;

const ACCOUNT = '123456789012';

/** A cdk.tf.json with a provider, a VPC and the given resources/data sources. */
function stack(resource: Json, data: Json = {}, provider: Json = {}): Json {
  return {
    provider: { aws: [{ region: 'eu-west-1', ...provider }] },
    resource: { aws_vpc: { v: { cidr_block: '10.0.0.0/16' } }, ...resource },
    data,
  };
}

function findings(
  json: Json,
  rule: GuardrailRuleId,
  options: GuardrailOptions = { accountId: ACCOUNT },
) {
  const result = checkGuardrails(json, options).rules.find(r => r.id === rule)!;
  return result.findings.map(f => `${f.address}: ${f.problem}`);
}

function relaxations(
  json: Json,
  rule: GuardrailRuleId,
  options: GuardrailOptions,
) {
  return checkGuardrails(json, options).rules.find(r => r.id === rule)!
    .relaxations;
}

const policy = (statements: Json[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('G1 no internet path', () => {
  it('accepts local and VPC-endpoint routes, rejects other and unknown targets', () => {
    const json = stack({
      aws_vpc_endpoint: {
        s3: {
          vpc_id: '${aws_vpc.v.id}',
          service_name: 'com.amazonaws.eu-west-1.s3',
        },
      },
      aws_route_table: { rt: { vpc_id: '${aws_vpc.v.id}' } },
      aws_route: {
        to_endpoint: {
          route_table_id: '${aws_route_table.rt.id}',
          destination_cidr_block: '52.0.0.0/8',
          vpc_endpoint_id: '${aws_vpc_endpoint.s3.id}',
        },
        local: {
          route_table_id: '${aws_route_table.rt.id}',
          destination_cidr_block: '10.0.0.0/16',
          gateway_id: 'local',
        },
        via_var: {
          route_table_id: '${aws_route_table.rt.id}',
          destination_cidr_block: '172.16.0.0/12',
          gateway_id: '${var.gateway}',
        },
        unknown_destination: {
          route_table_id: '${aws_route_table.rt.id}',
          destination_cidr_block: '${var.cidr}',
          vpc_endpoint_id: '${aws_vpc_endpoint.s3.id}',
        },
      },
    });
    expect(findings(json, 'G1')).toEqual([
      'aws_route.unknown_destination: the route has a destination_cidr_block that is not a literal CIDR, so it may be a default route',
      'aws_route.via_var: the route targets gateway_id = ${var.gateway}, which leads out of the VPC',
    ]);
  });

  it('rejects public IPs on launch templates and peering', () => {
    const json = stack({
      aws_launch_template: {
        lt: { network_interfaces: [{ associate_public_ip_address: 'true' }] },
      },
      aws_vpc_peering_connection: {
        p: { vpc_id: '${aws_vpc.v.id}', peer_vpc_id: 'vpc-123' },
      },
    });
    expect(findings(json, 'G1')).toHaveLength(2);
  });
});

describe('G2 security groups', () => {
  const group = (egress: Json[], ingress: Json[] = []) =>
    stack({
      aws_vpc_ipv4_cidr_block_association: {
        second: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.1.0.0/16' },
      },
      aws_vpc_endpoint: {
        s3: {
          vpc_id: '${aws_vpc.v.id}',
          service_name: 'com.amazonaws.eu-west-1.s3',
          vpc_endpoint_type: 'Gateway',
        },
      },
      aws_security_group: {
        other: { vpc_id: '${aws_vpc.v.id}' },
        sg: {
          vpc_id: '${aws_vpc.v.id}',
          egress: egress.map(e => ({
            from_port: 0,
            to_port: 0,
            protocol: '-1',
            ...e,
          })),
          ingress: ingress.map(e => ({
            from_port: 0,
            to_port: 0,
            protocol: '-1',
            ...e,
          })),
        },
      },
    });

  it('accepts VPC CIDRs (by reference or union), stack groups and gateway prefix lists', () => {
    const json = group([
      {
        cidr_blocks: [
          '${aws_vpc.v.cidr_block}',
          '10.1.5.0/24',
          '10.0.0.0/17',
          '10.0.128.0/17',
        ],
      },
      { security_groups: ['${aws_security_group.other.id}'], self: true },
      { prefix_list_ids: ['${aws_vpc_endpoint.s3.prefix_list_id}'] },
    ]);
    expect(findings(json, 'G2')).toEqual([]);
  });

  it('rejects what cannot be proven inside the VPC', () => {
    const json = group(
      [
        { cidr_blocks: ['${var.cidr}'] },
        { security_groups: ['sg-0123'] },
        { cidr_blocks: ['10.2.0.0/16'] },
      ],
      [{ prefix_list_ids: ['${aws_vpc_endpoint.s3.prefix_list_id}'] }],
    );
    expect(findings(json, 'G2')).toEqual([
      'aws_security_group.sg: egress rule egress[0] allows traffic to CIDR ${var.cidr}, which cannot be proven to be inside the VPC',
      'aws_security_group.sg: egress rule egress[1] allows traffic to security group "sg-0123", which is not a group of this stack',
      'aws_security_group.sg: egress rule egress[2] allows traffic to 10.2.0.0/16, which is outside the VPC',
      'aws_security_group.sg: ingress rule ingress[0] admits traffic from prefix list ${aws_vpc_endpoint.s3.prefix_list_id}, which is not inside the VPC',
    ]);
  });
});

describe('G3 endpoint policies', () => {
  const endpoint = (service: string, extra: Json) => ({
    vpc_id: '${aws_vpc.v.id}',
    service_name: `com.amazonaws.eu-west-1.${service}`,
    vpc_endpoint_type: 'Interface',
    ...extra,
  });
  const allowAll = (condition: Json, extra: Json = {}) => ({
    Effect: 'Allow',
    Principal: '*',
    Action: '*',
    Resource: '*',
    Condition: { StringEquals: condition },
    ...extra,
  });
  const identity = { 'aws:PrincipalAccount': ACCOUNT };
  const both = { ...identity, 'aws:ResourceAccount': ACCOUNT };
  const perimeter = policy([allowAll(both)]);

  it('exempts services without endpoint policies and reads policy documents', () => {
    const json = stack(
      {
        aws_vpc_endpoint: {
          ssmmessages: endpoint('ssmmessages', {}),
          sts: endpoint('sts', { policy: perimeter }),
          kms: endpoint('kms', {
            policy: '${data.aws_iam_policy_document.kms.json}',
          }),
        },
      },
      {
        aws_iam_policy_document: {
          kms: {
            statement: [
              {
                actions: ['kms:*'],
                resources: ['*'],
                principals: [{ type: '*', identifiers: ['*'] }],
                condition: ['aws:PrincipalAccount', 'aws:ResourceAccount'].map(
                  variable => ({
                    test: 'StringEquals',
                    variable,
                    values: [ACCOUNT],
                  }),
                ),
              },
            ],
          },
        },
      },
    );
    expect(findings(json, 'G3')).toEqual([]);
  });

  it('rejects a missing policy, an IfExists condition and an unreadable policy', () => {
    const json = stack({
      aws_vpc_endpoint: {
        logs: endpoint('logs', {}),
        sts: endpoint('sts', {
          policy: policy([
            {
              ...allowAll({}),
              Condition: { StringEqualsIfExists: both },
            },
          ]),
        }),
        kms: endpoint('kms', { policy: '${jsonencode({Statement = []})}' }),
      },
    });
    const found = findings(json, 'G3');
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(/kms endpoint policy cannot be verified/);
    expect(found[1]).toMatch(/logs endpoint has no policy/);
    expect(found[2]).toMatch(
      /sts endpoint policy statement 0 has no identity perimeter/,
    );
    expect(found[3]).toMatch(
      /sts endpoint policy statement 0 has no resource perimeter/,
    );
  });

  it('requires both perimeters on interface and gateway endpoints', () => {
    const json = stack({
      aws_vpc_endpoint: {
        secretsmanager: endpoint('secretsmanager', {
          policy: policy([allowAll(identity)]),
        }),
        s3: endpoint('s3', {
          vpc_endpoint_type: 'Gateway',
          policy: policy([allowAll({ 'aws:ResourceAccount': ACCOUNT })]),
        }),
      },
    });
    expect(findings(json, 'G3')).toEqual([
      expect.stringMatching(
        /^aws_vpc_endpoint\.s3: s3 endpoint policy statement 0 admits buckets beyond this stack's own/,
      ),
      expect.stringMatching(
        /^aws_vpc_endpoint\.s3: s3 endpoint policy statement 0 has no identity perimeter/,
      ),
      expect.stringMatching(
        /^aws_vpc_endpoint\.secretsmanager: secretsmanager endpoint policy statement 0 has no resource perimeter: the environment's principals could write to another account's resources/,
      ),
    ]);
  });

  it('accepts exactly the shared exceptions, and only with the identity perimeter', () => {
    const exception = (extra: Json) => allowAll(identity, extra);
    const ok = stack({
      aws_s3_bucket: { data: { bucket: 'enclave-data-eu' } },
      aws_vpc_endpoint: {
        ec2: endpoint('ec2', {
          policy: policy([
            allowAll(both),
            exception({
              Action: ['ec2:DescribeInstances', 'ec2:DescribeTags'],
            }),
          ]),
        }),
        s3: endpoint('s3', {
          vpc_endpoint_type: 'Gateway',
          policy: policy([
            allowAll(both, {
              Resource: [
                'arn:aws:s3:::enclave-data-eu',
                'arn:aws:s3:::enclave-data-eu/*',
              ],
            }),
            exception({
              Action: 's3:GetObject',
              Resource: ['arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*'],
            }),
          ]),
        }),
        ssm: endpoint('ssm', {
          policy: policy([
            exception({
              Action: ['ssm:GetParameter'],
              Resource: ['arn:aws:ssm:eu-west-1::parameter/aws/*'],
            }),
          ]),
        }),
      },
    });
    expect(findings(ok, 'G3')).toEqual([]);

    const widened = stack({
      aws_vpc_endpoint: {
        // An exception of another service does not apply here.
        sts: endpoint('sts', {
          policy: policy([exception({ Action: ['ec2:DescribeInstances'] })]),
        }),
        ec2: endpoint('ec2', {
          policy: policy([exception({ Action: ['ec2:Describe*'] })]),
        }),
        s3: endpoint('s3', {
          vpc_endpoint_type: 'Gateway',
          policy: policy([
            exception({
              Action: ['s3:GetObject', 's3:PutObject'],
              Resource: ['arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*'],
            }),
            exception({
              Action: 's3:GetObject',
              Resource: ['arn:aws:s3:::attacker-bucket/*'],
            }),
          ]),
        }),
      },
    });
    const found = findings(widened, 'G3');
    expect(found).toHaveLength(6);
    expect(found.filter(f => /has no resource perimeter/.test(f))).toHaveLength(
      4,
    );
    // The widened repository read and the attacker bucket are not the stack's buckets either.
    expect(
      found.filter(f => /admits buckets beyond this stack's own/.test(f)),
    ).toHaveLength(2);
  });

  it('accepts a statement without identity perimeter only as the unsigned s3:GetObject on the AWS repository buckets', () => {
    const unsigned = (extra: Json) => ({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: [
        'arn:aws:s3:::repo.eu-west-1.emr.amazonaws.com/*',
        'arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*',
      ],
      ...extra,
    });
    const s3 = (statement: Json, service = 's3') =>
      stack({
        aws_s3_bucket: { data: { bucket: 'enclave-data-eu' } },
        aws_vpc_endpoint: {
          [service]: endpoint(service, {
            vpc_endpoint_type: service === 's3' ? 'Gateway' : 'Interface',
            policy: policy([statement]),
          }),
        },
      });
    expect(findings(s3(unsigned({})), 'G3')).toEqual([]);
    const refused = [
      unsigned({ Action: ['s3:GetObject', 's3:PutObject'] }),
      unsigned({ Action: 's3:GetObject*' }),
      unsigned({ Action: 's3:*' }),
      unsigned({
        Resource: [
          'arn:aws:s3:::repo.eu-west-1.emr.amazonaws.com/*',
          'arn:aws:s3:::tools-999999999999/*',
        ],
      }),
      unsigned({ Resource: 'arn:aws:s3:::al2023-repos-eu-west-1-*/*' }),
      unsigned({ Resource: '*' }),
    ];
    for (const statement of refused) {
      expect({
        statement,
        found: findings(s3(statement), 'G3').filter(f =>
          /statement 0 has no identity perimeter/.test(f),
        ).length,
      }).toEqual({ statement, found: 1 });
    }
    // The fix names the one class that may go without it.
    const fix = checkGuardrails(s3(refused[0]), {
      accountId: ACCOUNT,
    })
      .rules.find(r => r.id === 'G3')!
      .findings.find(f => /identity perimeter/.test(f.problem))!.fix;
    expect(fix).toMatch(
      /only AnyCallerReadsAwsRepositories: s3:GetObject on arn:aws:s3:::repo\.\{region\}\.emr\.amazonaws\.com\/\*, arn:aws:s3:::al2023-repos-\{region\}-de612dc2\/\* may go without it/,
    );
    // Another service's endpoint gets no such exception.
    expect(
      findings(
        s3(unsigned({ Action: 'kms:Decrypt', Resource: '*' }), 'kms'),
        'G3',
      ),
    ).toContainEqual(
      expect.stringMatching(/kms endpoint policy statement 0 has no identity/),
    );
  });

  it("limits the S3 endpoint's own-account statements to the stack's buckets", () => {
    const s3 = (resources: unknown) =>
      stack({
        aws_s3_bucket: { data: { bucket: 'enclave-data-eu' } },
        aws_vpc_endpoint: {
          s3: endpoint('s3', {
            vpc_endpoint_type: 'Gateway',
            policy: policy([allowAll(both, { Resource: resources })]),
          }),
        },
      });
    expect(
      findings(
        s3(['arn:aws:s3:::enclave-data-eu', 'arn:aws:s3:::enclave-data-eu/*']),
        'G3',
      ),
    ).toEqual([]);
    for (const resources of [
      '*',
      ['arn:aws:s3:::*'],
      ['arn:aws:s3:::enclave-data-*/*'],
      ['arn:aws:s3:::enclave-data-eu/*', 'arn:aws:s3:::team-share/*'],
      ['${aws_s3_bucket.data.arn}/*'],
    ]) {
      const found = findings(s3(resources), 'G3');
      expect(found).toEqual([
        expect.stringMatching(
          /s3 endpoint policy statement 0 admits buckets beyond this stack's own .*another bucket of the same account/,
        ),
      ]);
    }
    const fix = checkGuardrails(s3(['arn:aws:s3:::*']), {
      accountId: ACCOUNT,
    }).rules.find(r => r.id === 'G3')!.findings[0].fix;
    expect(fix).toBe(
      "set the statement's Resource to the stack's buckets only: arn:aws:s3:::enclave-data-eu, arn:aws:s3:::enclave-data-eu/* (stack/endpointPolicies.ts does this from stackBucketNames)",
    );
  });

  it('accepts the organization as resource perimeter only when configured, as a relaxation', () => {
    const org = 'o-a1b2c3d4e5';
    const json = stack({
      aws_vpc_endpoint: {
        kms: endpoint('kms', {
          policy: policy([allowAll({ ...identity, 'aws:ResourceOrgID': org })]),
        }),
      },
    });
    expect(findings(json, 'G3')).toHaveLength(1);
    const configured = { accountId: ACCOUNT, config: { organizationId: org } };
    expect(findings(json, 'G3', configured)).toEqual([]);
    expect(relaxations(json, 'G3', configured)).toEqual([
      expect.stringMatching(
        /dataEnclave\.guardrails\.organizationId .* o-a1b2c3d4e5/,
      ),
    ]);
    expect(
      findings(json, 'G3', {
        accountId: ACCOUNT,
        config: { organizationId: 'o-zzzzzzzzzz' },
      }),
    ).toHaveLength(1);
  });

  it('refuses to guess the account when the stack names several', () => {
    const json = stack({
      aws_vpc_endpoint: {
        sts: endpoint('sts', { policy: perimeter }),
        kms: endpoint('kms', {
          policy: perimeter.split(ACCOUNT).join('999999999999'),
        }),
      },
    });
    expect(findings(json, 'G3', {})).toEqual([
      'provider.aws: the stack names several AWS accounts (123456789012, 999999999999), so endpoint policies cannot be tied to the environment account',
    ]);
    expect(findings(json, 'G3', { accountId: ACCOUNT })).toHaveLength(2);
  });
});

describe('G4 data bucket', () => {
  const bucketStack = (deny: Json) =>
    stack({
      aws_vpc_endpoint: {
        s3: {
          vpc_id: '${aws_vpc.v.id}',
          service_name: 'com.amazonaws.eu-west-1.s3',
        },
      },
      aws_kms_key: { k: { enable_key_rotation: true } },
      aws_s3_bucket: { b: { bucket: 'data' } },
      aws_s3_bucket_public_access_block: {
        b: {
          bucket: 'data',
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        },
      },
      aws_s3_bucket_server_side_encryption_configuration: {
        b: {
          bucket: '${aws_s3_bucket.b.id}',
          rule: [
            {
              apply_server_side_encryption_by_default: {
                sse_algorithm: 'aws:kms',
                kms_master_key_id: '${aws_kms_key.k.arn}',
              },
            },
          ],
        },
      },
      aws_s3_bucket_versioning: {
        b: {
          bucket: '${aws_s3_bucket.b.bucket}',
          versioning_configuration: { status: 'Enabled' },
        },
      },
      aws_s3_bucket_policy: {
        b: {
          bucket: '${aws_s3_bucket.b.id}',
          policy: policy([
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Resource: ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'],
              Condition: deny,
            },
          ]),
        },
      },
    });

  it('accepts literal names, references and documented exceptions', () => {
    const json = bucketStack({
      StringNotEquals: { 'aws:SourceVpce': '${aws_vpc_endpoint.s3.id}' },
      ArnNotLike: {
        'aws:PrincipalArn': [`arn:aws:iam::${ACCOUNT}:role/platform-admin`],
      },
    });
    expect(findings(json, 'G4')).toEqual([]);
  });

  it('rejects a wildcard admin exception and a literal endpoint id', () => {
    const wildcard = bucketStack({
      StringNotEquals: { 'aws:SourceVpce': '${aws_vpc_endpoint.s3.id}' },
      ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' },
    });
    expect(findings(wildcard, 'G4')[0]).toMatch(
      /aws:PrincipalArn exception "arn:aws:iam::\*:role\/\*" is not a specific IAM role/,
    );
    const literal = bucketStack({
      StringNotEquals: { 'aws:SourceVpce': 'vpce-0123' },
    });
    expect(findings(literal, 'G4')[0]).toMatch(
      /aws:SourceVpce value "vpce-0123" is not a aws_vpc_endpoint of this stack/,
    );
  });
});

describe('G5 DNS firewall', () => {
  const firewall = (allowed: string[], extra: Json = {}) =>
    stack({
      aws_directory_service_directory: {
        ad: { name: 'corp.enclave.internal' },
      },
      aws_route53_resolver_firewall_domain_list: {
        allow: { domains: allowed },
        all: { domains: ['*'] },
      },
      aws_route53_resolver_firewall_rule_group: { g: {} },
      aws_route53_resolver_firewall_rule: {
        allow: {
          firewall_rule_group_id:
            '${aws_route53_resolver_firewall_rule_group.g.id}',
          firewall_domain_list_id:
            '${aws_route53_resolver_firewall_domain_list.allow.id}',
          action: 'ALLOW',
          priority: 100,
        },
        block: {
          firewall_rule_group_id:
            '${aws_route53_resolver_firewall_rule_group.g.id}',
          firewall_domain_list_id:
            '${aws_route53_resolver_firewall_domain_list.all.id}',
          action: 'BLOCK',
          priority: 200,
        },
      },
      aws_route53_resolver_firewall_rule_group_association: {
        a: {
          vpc_id: '${aws_vpc.v.id}',
          firewall_rule_group_id:
            '${aws_route53_resolver_firewall_rule_group.g.id}',
        },
      },
      ...extra,
    });

  it('allows AWS domains and the directory name, and extra domains only by visible config', () => {
    const json = firewall([
      '*.amazonaws.com.',
      'corp.enclave.internal',
      'pypi.org',
    ]);
    expect(findings(json, 'G5')).toEqual([
      'aws_route53_resolver_firewall_rule.allow: an ALLOW rule admits "pypi.org", which is neither an AWS service domain nor the directory domain',
    ]);
    const options = {
      accountId: ACCOUNT,
      config: { allowedExtraDomains: ['pypi.org'] },
    };
    expect(findings(json, 'G5', options)).toEqual([]);
    expect(relaxations(json, 'G5', options)).toEqual([
      'G5 relaxed by config: dataEnclave.guardrails.allowedExtraDomains also allows pypi.org',
    ]);
  });

  it("rejects the directory domain's subdomains (a tunnel if the domain were public)", () => {
    expect(
      findings(
        firewall(['corp.enclave.internal.', '*.corp.enclave.internal.']),
        'G5',
      ),
    ).toEqual([
      expect.stringMatching(
        /^aws_route53_resolver_firewall_rule\.allow: an ALLOW rule admits "\*\.corp\.enclave\.internal\.", a subdomain pattern of the directory domain/,
      ),
    ]);
  });

  it('rejects look-alike domains and forwarding outside the VPC', () => {
    const json = firewall(['evilamazonaws.com'], {
      aws_route53_resolver_rule: {
        fwd: {
          rule_type: 'FORWARD',
          domain_name: 'corp.example',
          target_ip: [{ ip: '8.8.8.8' }],
        },
      },
    });
    expect(findings(json, 'G5')).toEqual([
      'aws_route53_resolver_firewall_rule.allow: an ALLOW rule admits "evilamazonaws.com", which is neither an AWS service domain nor the directory domain',
      'aws_route53_resolver_rule.fwd: it forwards DNS queries to "8.8.8.8", outside the VPC',
    ]);
  });
});

describe('G6 EMR log upload policy', () => {
  const kept = {
    'system-logs': 'on-customer-s3only',
    'application-logs': 'on-customer-s3only',
    'persistent-ui-logs': 'disabled',
  };
  const launchSpec = (uploadPolicy: unknown) =>
    stack({
      terraform_data: {
        spec: {
          input: {
            kind: 'enclave-emr-launch-spec/v1',
            ...(uploadPolicy === undefined
              ? {}
              : { log_type_upload_policy: uploadPolicy }),
          },
        },
      },
    });
  const uploadFindings = (json: Json) =>
    findings(json, 'G6').filter(f =>
      /log_type_upload_policy|LogTypeUploadPolicy/.test(f),
    );

  it('accepts a launch spec that keeps every log type in the customer bucket or off', () => {
    expect(uploadFindings(launchSpec(kept))).toEqual([]);
    expect(
      uploadFindings(launchSpec({ ...kept, 'application-logs': 'disabled' })),
    ).toEqual([]);
  });

  it("refuses EMR's default and any log type uploaded to AWS", () => {
    expect(uploadFindings(launchSpec(undefined))).toEqual(
      // Findings come sorted.
      ['application-logs', 'persistent-ui-logs', 'system-logs'].map(type =>
        expect.stringMatching(
          new RegExp(
            `log_type_upload_policy\\.${type} is .*EMR's default emr-managed.*AWS-owned bucket`,
          ),
        ),
      ),
    );
    expect(
      uploadFindings(launchSpec({ ...kept, 'system-logs': 'emr-managed' })),
    ).toEqual([expect.stringMatching(/log_type_upload_policy\.system-logs/)]);
    expect(
      uploadFindings(
        launchSpec({ ...kept, 'persistent-ui-logs': '${var.ui_logs}' }),
      ),
    ).toEqual([
      expect.stringMatching(/log_type_upload_policy\.persistent-ui-logs/),
    ]);
  });

  it('refuses an aws_emr_cluster: the provider cannot set the policy', () => {
    const json = stack({ aws_emr_cluster: { c: { name: 'x' } } });
    expect(uploadFindings(json)).toEqual([
      expect.stringMatching(
        /^aws_emr_cluster\.c: an aws_emr_cluster cannot set S3LoggingConfiguration\.LogTypeUploadPolicy \(no such argument in hashicorp\/aws 5\.100\.0\)/,
      ),
    ]);
  });
});

describe('G7 WorkSpaces', () => {
  const directory = (sources: string[]) =>
    stack({
      aws_security_group: { ws: { vpc_id: '${aws_vpc.v.id}' } },
      aws_workspaces_ip_group: {
        ip: { rules: sources.map(source => ({ source })) },
      },
      aws_workspaces_directory: {
        d: {
          ip_group_ids: ['${aws_workspaces_ip_group.ip.id}'],
          workspace_creation_properties: {
            custom_security_group_id: '${aws_security_group.ws.id}',
            enable_internet_access: false,
            user_enabled_as_local_administrator: false,
          },
          workspace_access_properties: {
            device_type_android: 'DENY',
            device_type_chromeos: 'DENY',
            device_type_ios: 'DENY',
            device_type_linux: 'ALLOW',
            device_type_osx: 'ALLOW',
            device_type_web: 'DENY',
            device_type_windows: 'ALLOW',
            device_type_zeroclient: 'DENY',
          },
        },
      },
    });

  it('rejects "anyone" unless config allows it, and says so', () => {
    const json = directory(['0.0.0.0/0']);
    expect(findings(json, 'G7')).toHaveLength(1);
    const options = {
      accountId: ACCOUNT,
      config: { allowAnyClientCidr: true },
    };
    expect(findings(json, 'G7', options)).toEqual([]);
    expect(relaxations(json, 'G7', options)[0]).toMatch(
      /^G7 relaxed by config: dataEnclave.guardrails.allowAnyClientCidr/,
    );
    expect(findings(directory(['203.0.113.0/24']), 'G7')).toEqual([]);
  });

  it('judges the custom security group by G2', () => {
    const json = directory(['203.0.113.0/24']);
    json.resource.aws_vpc_security_group_egress_rule = {
      out: {
        security_group_id: '${aws_security_group.ws.id}',
        cidr_ipv4: '0.0.0.0/0',
        ip_protocol: '-1',
      },
    };
    expect(findings(json, 'G7')[0]).toMatch(
      /the WorkSpaces security group aws_security_group.ws breaks G2/,
    );
  });
});

describe('G8, G9 and G10', () => {
  it('G8 wants a bounded S3 destination too', () => {
    const json = stack({
      aws_s3_bucket: { logs: { bucket: 'logs' } },
      aws_flow_log: {
        f: {
          vpc_id: '${aws_vpc.v.id}',
          traffic_type: 'ALL',
          log_destination_type: 's3',
          log_destination: '${aws_s3_bucket.logs.arn}',
        },
      },
    });
    expect(findings(json, 'G8')).toEqual([
      'aws_flow_log.f: bucket aws_s3_bucket.logs has no lifecycle expiration for the logs',
    ]);
    json.resource.aws_s3_bucket_lifecycle_configuration = {
      l: {
        bucket: '${aws_s3_bucket.logs.id}',
        rule: [
          { id: 'expire', status: 'Enabled', expiration: [{ days: 365 }] },
        ],
      },
    };
    expect(findings(json, 'G8')).toEqual([]);
  });

  it('G9 allows service principals but not other accounts', () => {
    const key = (principal: Json) =>
      stack({
        aws_kms_key: {
          k: {
            enable_key_rotation: true,
            policy: policy([
              {
                Effect: 'Allow',
                Principal: principal,
                Action: 'kms:Decrypt',
                Resource: '*',
              },
            ]),
          },
        },
      });
    expect(
      findings(key({ Service: 'logs.eu-west-1.amazonaws.com' }), 'G9'),
    ).toEqual([]);
    expect(
      findings(key({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), 'G9'),
    ).toEqual([]);
    expect(
      findings(key({ AWS: 'arn:aws:iam::999999999999:root' }), 'G9')[0],
    ).toMatch(/not in the environment account/);
  });

  it('G10 merges default tags with resource tags and reports overrides per resource', () => {
    const tags = {
      'enclave:environment': 'e',
      'enclave:team': 't',
      'enclave:owner': 'o',
      'enclave:stack-version': '1',
    };
    const json = stack(
      {
        aws_subnet: {
          ok: { vpc_id: '${aws_vpc.v.id}' },
          blanked: { vpc_id: '${aws_vpc.v.id}', tags: { 'enclave:owner': '' } },
        },
        aws_route_table_association: {
          notTaggable: { subnet_id: '${aws_subnet.ok.id}' },
        },
      },
      {},
      { default_tags: [{ tags }] },
    );
    expect(findings(json, 'G10')).toEqual([
      'aws_subnet.blanked: missing required tags: enclave:owner is ""',
    ]);
  });
});
