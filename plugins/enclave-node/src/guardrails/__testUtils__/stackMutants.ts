/*
 * Mutants of the clean synthesized stack, each one breaking exactly the thing
 * one guardrail protects. The synth-level suite checks them directly; the
 * engine suite runs `terraform plan` on each and checks the plan JSON. Every
 * mutant is valid Terraform, so a plan never fails for an unrelated reason.
 */
import { TEST_APPROVED_BUNDLE } from '@data-enclave/plugin-enclave-common/testUtils';
import type { GuardrailOptions, GuardrailRuleId } from '../types';

type Json = Record<string, any>;

export interface StackMutant {
  rule: GuardrailRuleId;
  name: string;
  /** Mutates a deep copy of cdk.tf.json in place. */
  mutate(stack: Json): void;
  /** Guardrail options the mutant is judged with (G12: the approved bundles); default none. */
  options?: GuardrailOptions;
}

const DESKTOP_BUNDLE_TAG = 'enclave:desktop-bundle';

/** `[name, body]` of the first resource of `type` whose name contains `hint`. */
export function resourceOf(
  stack: Json,
  type: string,
  hint = '',
): [string, Json] {
  const entry = Object.entries(stack.resource?.[type] ?? {}).find(([name]) =>
    name.includes(hint),
  );
  if (!entry)
    throw new Error(`the clean stack has no ${type} matching '${hint}'`);
  return entry as [string, Json];
}

/** `${type.name.attr}` for the first matching resource. */
export function ref(
  stack: Json,
  type: string,
  attr: string,
  hint = '',
): string {
  return `\${${type}.${resourceOf(stack, type, hint)[0]}.${attr}}`;
}

/** An account that is not the environment's (the attacker's). */
const FOREIGN_ACCOUNT = '999999999999';

function add(stack: Json, type: string, name: string, body: Json): void {
  stack.resource[type] = { ...(stack.resource[type] ?? {}), [name]: body };
}

/** Deletes a resource and every `depends_on` entry naming it, so the stack stays valid. */
function remove(stack: Json, type: string, hint = ''): void {
  const [name] = resourceOf(stack, type, hint);
  delete stack.resource[type][name];
  if (Object.keys(stack.resource[type]).length === 0)
    delete stack.resource[type];
  const address = `${type}.${name}`;
  for (const byName of Object.values<Json>(stack.resource)) {
    for (const body of Object.values<Json>(byName)) {
      if (Array.isArray(body.depends_on)) {
        body.depends_on = body.depends_on.filter((d: string) => d !== address);
      }
    }
  }
}

/** The S3 endpoint's statement without a Condition: the unsigned read of the AWS repositories. */
function unsignedRepositoryRead(policy: Json): Json {
  const statement = policy.Statement.find((st: Json) => !st.Condition);
  if (!statement)
    throw new Error(
      'the clean S3 endpoint policy has no unsigned repository read',
    );
  return statement;
}

/** Rewrites a JSON-string attribute (a policy or EMR configuration). */
function editJson(
  body: Json,
  attribute: string,
  edit: (doc: Json) => void,
): void {
  const doc = JSON.parse(body[attribute]);
  edit(doc);
  body[attribute] = JSON.stringify(doc);
}

function addInternetGateway(stack: Json, routeTableHint: string): void {
  add(stack, 'aws_internet_gateway', 'mutant_igw', {
    vpc_id: ref(stack, 'aws_vpc', 'id'),
  });
  add(stack, 'aws_route', 'mutant_default_route', {
    route_table_id: ref(stack, 'aws_route_table', 'id', routeTableHint),
    destination_cidr_block: '0.0.0.0/0',
    gateway_id: '${aws_internet_gateway.mutant_igw.id}',
  });
}

function egressRule(stack: Json, name: string, cidr: string): void {
  add(stack, 'aws_vpc_security_group_egress_rule', name, {
    security_group_id: ref(stack, 'aws_security_group', 'id', 'emr_primary'),
    cidr_ipv4: cidr,
    ip_protocol: '-1',
  });
}

export const STACK_MUTANTS: readonly StackMutant[] = [
  // G1
  {
    rule: 'G1',
    name: 'internet gateway plus a 0.0.0.0/0 route',
    mutate: stack => addInternetGateway(stack, 'route-table-1'),
  },
  {
    rule: 'G1',
    name: 'NAT gateway with an Elastic IP',
    mutate: stack => {
      add(stack, 'aws_eip', 'mutant_eip', { domain: 'vpc' });
      add(stack, 'aws_nat_gateway', 'mutant_nat', {
        allocation_id: '${aws_eip.mutant_eip.id}',
        subnet_id: ref(stack, 'aws_subnet', 'id', 'subnet-1'),
      });
    },
  },
  {
    rule: 'G1',
    name: 'map_public_ip_on_launch = true',
    mutate: stack => {
      resourceOf(stack, 'aws_subnet', 'subnet-1')[1].map_public_ip_on_launch =
        true;
    },
  },
  {
    rule: 'G1',
    name: 'egress-only internet gateway with a ::/0 route',
    mutate: stack => {
      add(stack, 'aws_egress_only_internet_gateway', 'mutant_eigw', {
        vpc_id: ref(stack, 'aws_vpc', 'id'),
      });
      add(stack, 'aws_route', 'mutant_v6_default', {
        route_table_id: ref(stack, 'aws_route_table', 'id', 'route-table-1'),
        destination_ipv6_cidr_block: '::/0',
        egress_only_gateway_id:
          '${aws_egress_only_internet_gateway.mutant_eigw.id}',
      });
    },
  },
  {
    rule: 'G1',
    name: 'default route split into 0.0.0.0/1 + 128.0.0.0/1 via an endpoint',
    mutate: stack => {
      for (const [index, cidr] of ['0.0.0.0/1', '128.0.0.0/1'].entries()) {
        add(stack, 'aws_route', `mutant_half_${index}`, {
          route_table_id: ref(stack, 'aws_route_table', 'id', 'route-table-1'),
          destination_cidr_block: cidr,
          vpc_endpoint_id: ref(stack, 'aws_vpc_endpoint', 'id', 'endpoints_s3'),
        });
      }
    },
  },
  // G2
  {
    rule: 'G2',
    name: 'egress rule to 0.0.0.0/0',
    mutate: stack => egressRule(stack, 'mutant_egress_any', '0.0.0.0/0'),
  },
  {
    rule: 'G2',
    name: 'egress to a split /1 pair',
    mutate: stack => {
      egressRule(stack, 'mutant_egress_low', '0.0.0.0/1');
      egressRule(stack, 'mutant_egress_high', '128.0.0.0/1');
    },
  },
  {
    rule: 'G2',
    name: 'ingress from a public CIDR',
    mutate: stack =>
      add(
        stack,
        'aws_vpc_security_group_ingress_rule',
        'mutant_ingress_public',
        {
          security_group_id: ref(
            stack,
            'aws_security_group',
            'id',
            'endpoints',
          ),
          cidr_ipv4: '198.51.100.0/24',
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
        },
      ),
  },
  {
    rule: 'G2',
    name: 'egress to a literal prefix list that is not a gateway endpoint',
    mutate: stack =>
      add(stack, 'aws_vpc_security_group_egress_rule', 'mutant_egress_pl', {
        security_group_id: ref(stack, 'aws_security_group', 'id', 'emr_core'),
        prefix_list_id: 'pl-0123456789abcdef0',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
      }),
  },
  // G3
  {
    rule: 'G3',
    name: 'S3 endpoint policy removed',
    mutate: stack => {
      delete resourceOf(stack, 'aws_vpc_endpoint', 'endpoints_s3')[1].policy;
    },
  },
  {
    rule: 'G3',
    name: 'S3 endpoint policy with "Resource": "*" and no account condition',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_vpc_endpoint', 'endpoints_s3')[1],
        'policy',
        policy => {
          delete policy.Statement[0].Condition;
        },
      ),
  },
  {
    rule: 'G3',
    name: 'KMS interface endpoint admits another account',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_vpc_endpoint', 'endpoints_kms')[1],
        'policy',
        policy => {
          policy.Statement[0].Condition = {
            StringEquals: { 'aws:PrincipalAccount': '999999999999' },
          };
        },
      ),
  },
  {
    rule: 'G3',
    name: 'KMS endpoint loses its resource perimeter (encrypt under a foreign key)',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_vpc_endpoint', 'endpoints_kms')[1],
        'policy',
        policy => {
          delete policy.Statement[0].Condition.StringEquals[
            'aws:ResourceAccount'
          ];
        },
      ),
  },
  {
    rule: 'G3',
    name: 'S3 gateway endpoint loses its identity perimeter (foreign credentials)',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_vpc_endpoint', 'endpoints_s3')[1],
        'policy',
        policy => {
          delete policy.Statement[0].Condition.StringEquals[
            'aws:PrincipalAccount'
          ];
        },
      ),
  },
  {
    rule: 'G3',
    name: 'STS no-resource exception widened to sts:AssumeRole (assume a foreign role)',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_vpc_endpoint', 'endpoints_sts')[1],
        'policy',
        policy => {
          policy.Statement[1].Action.push('sts:AssumeRole');
        },
      ),
  },
  {
    rule: 'G3',
    name: 'Secrets Manager endpoint policy removed (a service that takes one)',
    mutate: stack => {
      delete resourceOf(
        stack,
        'aws_vpc_endpoint',
        'endpoints_secretsmanager',
      )[1].policy;
    },
  },
  {
    rule: 'G3',
    name: 'S3 endpoint admits every own-account bucket (arn:aws:s3:::*): copy data to another bucket',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_vpc_endpoint', 'endpoints_s3')[1],
        'policy',
        policy => {
          policy.Statement[0].Resource = ['arn:aws:s3:::*'];
        },
      ),
  },
  {
    rule: 'G3',
    name: 'S3 endpoint also names another own-account bucket',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_vpc_endpoint', 'endpoints_s3')[1],
        'policy',
        policy => {
          policy.Statement[0].Resource.push(
            'arn:aws:s3:::team-share-123456789012/*',
          );
        },
      ),
  },
  {
    rule: 'G3',
    name: 'S3 endpoint names the data bucket by a name prefix wildcard',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_vpc_endpoint', 'endpoints_s3')[1],
        'policy',
        policy => {
          policy.Statement[0].Resource = policy.Statement[0].Resource.map(
            (arn: string) => arn.replace(/^(arn:aws:s3:::[^/]+)/, '$1*'),
          );
        },
      ),
  },
  {
    rule: 'G3',
    name: 'unsigned repository read also allows s3:PutObject (anyone writes through the gateway)',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_vpc_endpoint', 'endpoints_s3')[1],
        'policy',
        policy => {
          unsignedRepositoryRead(policy).Action.push('s3:PutObject');
        },
      ),
  },
  {
    rule: 'G3',
    name: 'unsigned repository read also names a non-repository bucket (unsigned download of attacker tooling)',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_vpc_endpoint', 'endpoints_s3')[1],
        'policy',
        policy => {
          unsignedRepositoryRead(policy).Resource.push(
            'arn:aws:s3:::tools-999999999999/*',
          );
        },
      ),
  },
  // G4
  {
    rule: 'G4',
    name: 'public access block removed',
    mutate: stack => remove(stack, 'aws_s3_bucket_public_access_block'),
  },
  {
    rule: 'G4',
    name: 'aws:SourceVpce deny removed from the bucket policy',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_s3_bucket_policy')[1],
        'policy',
        policy => {
          policy.Statement = policy.Statement.filter(
            (s: Json) => !JSON.stringify(s).includes('aws:SourceVpce'),
          );
        },
      ),
  },
  {
    rule: 'G4',
    name: 'server-side encryption configuration removed',
    mutate: stack =>
      remove(stack, 'aws_s3_bucket_server_side_encryption_configuration'),
  },
  {
    rule: 'G4',
    name: 'endpoint deny weakened with an extra condition',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_s3_bucket_policy')[1],
        'policy',
        policy => {
          const deny = policy.Statement.find((s: Json) =>
            JSON.stringify(s).includes('aws:SourceVpce'),
          );
          deny.Condition.StringEquals = { 'aws:RequestedRegion': 'eu-west-1' };
        },
      ),
  },
  {
    rule: 'G4',
    name: 'versioning suspended',
    mutate: stack => {
      resourceOf(
        stack,
        'aws_s3_bucket_versioning',
      )[1].versioning_configuration = { status: 'Suspended' };
    },
  },
  // G5
  {
    rule: 'G5',
    name: 'DNS firewall association removed',
    mutate: stack =>
      remove(stack, 'aws_route53_resolver_firewall_rule_group_association'),
  },
  {
    rule: 'G5',
    name: 'allow list with "*"',
    mutate: stack => {
      resourceOf(
        stack,
        'aws_route53_resolver_firewall_domain_list',
        'allow',
      )[1].domains.push('*');
    },
  },
  {
    rule: 'G5',
    name: 'allow list with a non-AWS domain',
    mutate: stack => {
      resourceOf(
        stack,
        'aws_route53_resolver_firewall_domain_list',
        'allow',
      )[1].domains.push('*.attacker.example.');
    },
  },
  {
    rule: 'G5',
    name: 'allow list re-admits every subdomain of the directory domain',
    mutate: stack => {
      const [, directory] = resourceOf(
        stack,
        'aws_directory_service_directory',
      );
      resourceOf(
        stack,
        'aws_route53_resolver_firewall_domain_list',
        'allow',
      )[1].domains.push(`*.${directory.name}.`);
    },
  },
  {
    rule: 'G5',
    name: 'catch-all BLOCK rule removed',
    mutate: stack =>
      remove(stack, 'aws_route53_resolver_firewall_rule', 'block'),
  },
  // G6
  {
    rule: 'G6',
    name: 'security configuration without at-rest encryption',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_emr_security_configuration')[1],
        'configuration',
        config => {
          config.EncryptionConfiguration.EnableAtRestEncryption = false;
          delete config.EncryptionConfiguration.AtRestEncryptionConfiguration;
        },
      ),
  },
  {
    rule: 'G6',
    name: 'EMR subnet gets a public route',
    mutate: stack => addInternetGateway(stack, 'route-table-0'),
  },
  {
    rule: 'G6',
    name: 'auto-termination policy removed',
    mutate: stack => {
      // The on-demand cluster's launch spec (stack/emrLaunchSpec.ts).
      delete resourceOf(stack, 'terraform_data', 'launch-spec')[1].input
        .auto_termination_policy;
    },
  },
  {
    rule: 'G6',
    name: 'local disks encrypted with a key outside the stack',
    mutate: stack =>
      editJson(
        resourceOf(stack, 'aws_emr_security_configuration')[1],
        'configuration',
        config => {
          config.EncryptionConfiguration.AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration.AwsKmsKey =
            'arn:aws:kms:eu-west-1:999999999999:key/11111111-2222-3333-4444-555555555555';
        },
      ),
  },
  {
    rule: 'G6',
    name: 'launch spec without a log upload policy (EMR default emr-managed: system logs pushed to an AWS-owned bucket)',
    mutate: stack => {
      delete resourceOf(stack, 'terraform_data', 'launch-spec')[1].input
        .log_type_upload_policy;
    },
  },
  {
    rule: 'G6',
    name: 'launch spec uploads persistent-UI logs to AWS (persistent-ui-logs emr-managed)',
    mutate: stack => {
      resourceOf(
        stack,
        'terraform_data',
        'launch-spec',
      )[1].input.log_type_upload_policy['persistent-ui-logs'] = 'emr-managed';
    },
  },
  // G7
  {
    rule: 'G7',
    name: 'enable_internet_access = true',
    mutate: stack => {
      resourceOf(
        stack,
        'aws_workspaces_directory',
      )[1].workspace_creation_properties.enable_internet_access = true;
    },
  },
  {
    rule: 'G7',
    name: 'IP group with 0.0.0.0/0',
    mutate: stack => {
      resourceOf(stack, 'aws_workspaces_ip_group')[1].rules.push({
        source: '0.0.0.0/0',
        description: 'anyone',
      });
    },
  },
  {
    rule: 'G7',
    name: 'IP group covering everyone with 0.0.0.0/1 + 128.0.0.0/1',
    mutate: stack => {
      resourceOf(stack, 'aws_workspaces_ip_group')[1].rules.push(
        { source: '0.0.0.0/1', description: 'low half' },
        { source: '128.0.0.0/1', description: 'high half' },
      );
    },
  },
  {
    rule: 'G7',
    name: 'custom security group missing',
    mutate: stack => {
      delete resourceOf(stack, 'aws_workspaces_directory')[1]
        .workspace_creation_properties.custom_security_group_id;
    },
  },
  {
    rule: 'G7',
    name: 'web client access allowed',
    mutate: stack => {
      resourceOf(
        stack,
        'aws_workspaces_directory',
      )[1].workspace_access_properties.device_type_web = 'ALLOW';
    },
  },
  // G12
  {
    rule: 'G12',
    name: 'desktop bundle not declared on the WorkSpaces directory',
    mutate: stack => {
      delete resourceOf(stack, 'aws_workspaces_directory')[1].tags[
        DESKTOP_BUNDLE_TAG
      ];
    },
  },
  {
    rule: 'G12',
    name: 'desktop bundle decided at apply time (a reference, not a name)',
    mutate: stack => {
      resourceOf(stack, 'aws_workspaces_directory')[1].tags[
        DESKTOP_BUNDLE_TAG
      ] = ref(stack, 'aws_vpc', 'id');
    },
  },
  {
    rule: 'G12',
    name: 'desktop bundle swapped for one the platform did not approve (apply mode)',
    mutate: stack => {
      resourceOf(stack, 'aws_workspaces_directory')[1].tags[
        DESKTOP_BUNDLE_TAG
      ] = 'Standard with Windows 10 (Server 2022 based)';
    },
    options: { approvedBundles: [TEST_APPROVED_BUNDLE], mode: 'apply' },
  },
  // G8
  {
    rule: 'G8',
    name: 'flow log removed',
    mutate: stack => remove(stack, 'aws_flow_log'),
  },
  {
    rule: 'G8',
    name: 'flow log records only rejected traffic',
    mutate: stack => {
      resourceOf(stack, 'aws_flow_log')[1].traffic_type = 'REJECT';
    },
  },
  {
    rule: 'G8',
    name: 'flow log group without retention',
    mutate: stack => {
      delete resourceOf(stack, 'aws_cloudwatch_log_group', 'flow-logs')[1]
        .retention_in_days;
    },
  },
  // G9
  {
    rule: 'G9',
    name: 'key rotation off',
    mutate: stack => {
      resourceOf(stack, 'aws_kms_key')[1].enable_key_rotation = false;
    },
  },
  {
    rule: 'G9',
    name: 'key policy open to any principal',
    mutate: stack =>
      editJson(resourceOf(stack, 'aws_kms_key')[1], 'policy', policy => {
        policy.Statement.push({
          Sid: 'Anyone',
          Effect: 'Allow',
          Principal: '*',
          Action: 'kms:Decrypt',
          Resource: '*',
        });
      }),
  },
  // G10
  {
    rule: 'G10',
    name: 'provider default tags removed',
    mutate: stack => {
      delete stack.provider.aws[0].default_tags;
    },
  },
  {
    rule: 'G10',
    name: 'owner tag missing',
    mutate: stack => {
      delete stack.provider.aws[0].default_tags[0].tags['enclave:owner'];
    },
  },
  // G11 (closed world and the dangerous shapes of allowed types)
  {
    rule: 'G11',
    name: 'RAM share of a subnet with another account',
    mutate: stack => {
      add(stack, 'aws_ram_resource_share', 'mutant_share', {
        name: 'mutant-share',
        allow_external_principals: true,
      });
      add(stack, 'aws_ram_resource_association', 'mutant_share_subnet', {
        resource_arn: ref(stack, 'aws_subnet', 'arn', 'subnet-0'),
        resource_share_arn: '${aws_ram_resource_share.mutant_share.arn}',
      });
      add(stack, 'aws_ram_principal_association', 'mutant_share_principal', {
        principal: FOREIGN_ACCOUNT,
        resource_share_arn: '${aws_ram_resource_share.mutant_share.arn}',
      });
    },
  },
  {
    rule: 'G11',
    name: 'data bucket replicated to another account',
    mutate: stack =>
      add(stack, 'aws_s3_bucket_replication_configuration', 'mutant_copy', {
        bucket: ref(stack, 'aws_s3_bucket', 'id', 'data-bucket'),
        role: ref(stack, 'aws_iam_role', 'arn', 'emr_service-role'),
        rule: [
          {
            id: 'copy-out',
            status: 'Enabled',
            destination: [
              {
                bucket: 'arn:aws:s3:::attacker-owned-bucket',
                account: FOREIGN_ACCOUNT,
              },
            ],
          },
        ],
      }),
  },
  {
    rule: 'G11',
    name: 'public bucket policy on a second bucket (an allowed type)',
    mutate: stack => {
      add(stack, 'aws_s3_bucket', 'mutant_other', {
        bucket: 'mutant-other-bucket-123456789012',
      });
      add(stack, 'aws_s3_bucket_policy', 'mutant_other_public', {
        bucket: '${aws_s3_bucket.mutant_other.id}',
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'PublicRead',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::mutant-other-bucket-123456789012/*',
            },
          ],
        }),
      });
    },
  },
  {
    rule: 'G11',
    name: 'unvetted resource type (an SNS topic)',
    mutate: stack =>
      add(stack, 'aws_sns_topic', 'mutant_topic', { name: 'mutant-topic' }),
  },
  // F1 (function: desktops reach the Spark applications, and only them)
  {
    rule: 'F1',
    name: 'Livy port closed to desktops',
    mutate: stack =>
      remove(
        stack,
        'aws_vpc_security_group_ingress_rule',
        'desktop-access_livy',
      ),
  },
  {
    rule: 'F1',
    name: 'desktops and EMR primary opened to each other on every port',
    mutate: stack => {
      const primary = ref(stack, 'aws_security_group', 'id', 'emr_primary');
      const desktops = ref(stack, 'aws_security_group', 'id', 'workspaces');
      // Both sides: the desktop group's egress is bounded too, so an ingress
      // rule alone opens nothing.
      add(stack, 'aws_vpc_security_group_ingress_rule', 'mutant_desktop_all', {
        security_group_id: primary,
        referenced_security_group_id: desktops,
        ip_protocol: '-1',
      });
      add(stack, 'aws_vpc_security_group_egress_rule', 'mutant_desktop_all', {
        security_group_id: desktops,
        referenced_security_group_id: primary,
        ip_protocol: '-1',
      });
    },
  },
  // F2 (function: desktops reach the directory, and no other VPC address)
  {
    rule: 'F2',
    name: 'desktop loses Kerberos (tcp 88) to the domain controllers',
    mutate: stack =>
      remove(
        stack,
        'aws_vpc_security_group_egress_rule',
        'workspaces_to-directory-controllers-tcp-88',
      ),
  },
  {
    rule: 'F2',
    name: "desktop's directory egress aimed at the directory id instead of its controller group",
    mutate: stack => {
      for (const [name, body] of Object.entries<Json>(
        stack.resource.aws_vpc_security_group_egress_rule,
      )) {
        if (name.startsWith('workspaces_to-directory-controllers-'))
          body.referenced_security_group_id = ref(
            stack,
            'aws_directory_service_directory',
            'id',
          );
      }
    },
  },
  {
    rule: 'F2',
    name: 'desktop egress to the whole VPC CIDR on every port (reaches any host)',
    mutate: stack =>
      add(stack, 'aws_vpc_security_group_egress_rule', 'mutant_desktop_vpc', {
        security_group_id: ref(stack, 'aws_security_group', 'id', 'workspaces'),
        cidr_ipv4: resourceOf(stack, 'aws_vpc')[1].cidr_block,
        ip_protocol: '-1',
      }),
  },
  {
    rule: 'F2',
    name: 'desktop reaches a directory subnet by CIDR on the AD ports (the EMR nodes and endpoint ENIs there too)',
    mutate: stack =>
      add(
        stack,
        'aws_vpc_security_group_egress_rule',
        'mutant_desktop_subnet',
        {
          security_group_id: ref(
            stack,
            'aws_security_group',
            'id',
            'workspaces',
          ),
          cidr_ipv4: resourceOf(stack, 'aws_subnet', 'subnet-0')[1].cidr_block,
          ip_protocol: 'tcp',
          from_port: 1024,
          to_port: 65535,
        },
      ),
  },
  // F3 (function: EMR nodes reach the endpoints)
  {
    rule: 'F3',
    name: 'interface endpoints admit no HTTPS from the EMR core group',
    mutate: stack =>
      remove(
        stack,
        'aws_vpc_security_group_ingress_rule',
        'endpoints_https-from-emr-core',
      ),
  },
  {
    rule: 'F3',
    name: 'core nodes lose their S3 gateway egress',
    mutate: stack =>
      remove(
        stack,
        'aws_vpc_security_group_egress_rule',
        'emr_core-to-gateway-endpoint-0',
      ),
  },
];

/** A mutated deep copy of the clean stack. */
export function applyMutant(clean: Json, mutant: StackMutant): Json {
  const copy = JSON.parse(JSON.stringify(clean));
  mutant.mutate(copy);
  return copy;
}

/** Renders `rule → mutants killed` as a fixed-width table. */
export function killTable(
  killed: Map<string, string[]>,
  total: Map<string, number>,
): string {
  const lines = ['rule  killed/total  mutants'];
  for (const [rule, count] of total) {
    const names = killed.get(rule) ?? [];
    lines.push(
      `${rule.padEnd(6)}${`${names.length}/${count}`.padEnd(14)}${names.join(
        '; ',
      )}`,
    );
  }
  return lines.join('\n');
}
