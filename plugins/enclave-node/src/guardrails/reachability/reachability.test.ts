/*
 * The reachability model on small hand-written documents: both rule styles
 * (inline blocks, aws_security_group_rule, aws_vpc_security_group_*_rule),
 * SG references, CIDRs per subnet, prefix lists; and the port algebra. The
 * real stack and its mutants are covered by ../stackGuardrails.test.ts
 * (synth) and ../guardrails.engine.test.ts (plan).
 */
import { checkGuardrails } from '../checkGuardrails';
import { formatReportText, reportToJson } from '../report';
import type { GuardrailRuleId } from '../types';
import { DIRECTORY_CONTROLLER_PORTS } from '../../awsFacts';
import { intersect, normalize, subtract } from './ports';

type Json = Record<string, any>;

const SUBNETS = {
  a: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.0.0.0/24' },
  b: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.0.1.0/24' },
};

/** Desktop, EMR launch spec (aws_emr_cluster shape), directory and one S3 gateway + KMS interface endpoint. */
function enclave(rules: Json): Json {
  return {
    provider: { aws: [{ region: 'eu-west-1' }] },
    resource: {
      aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
      aws_subnet: SUBNETS,
      aws_security_group: {
        desk: { vpc_id: '${aws_vpc.v.id}', ...(rules.deskInline ?? {}) },
        primary: { vpc_id: '${aws_vpc.v.id}', ...(rules.primaryInline ?? {}) },
        core: { vpc_id: '${aws_vpc.v.id}' },
        vpce: { vpc_id: '${aws_vpc.v.id}' },
      },
      aws_workspaces_directory: {
        w: {
          directory_id: '${aws_directory_service_directory.d.id}',
          subnet_ids: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'],
          workspace_creation_properties: [
            { custom_security_group_id: '${aws_security_group.desk.id}' },
          ],
        },
      },
      aws_directory_service_directory: {
        d: {
          name: 'corp.example.internal',
          vpc_settings: [
            { subnet_ids: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'] },
          ],
        },
      },
      aws_emr_cluster: {
        c: {
          applications: ['Spark', 'Livy'],
          ec2_attributes: [
            {
              subnet_id: '${aws_subnet.a.id}',
              emr_managed_master_security_group:
                '${aws_security_group.primary.id}',
              emr_managed_slave_security_group: '${aws_security_group.core.id}',
            },
          ],
        },
      },
      aws_vpc_endpoint: {
        s3: {
          vpc_endpoint_type: 'Gateway',
          service_name: 'com.amazonaws.eu-west-1.s3',
        },
        kms: {
          vpc_endpoint_type: 'Interface',
          service_name: 'com.amazonaws.eu-west-1.kms',
          subnet_ids: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'],
          security_group_ids: ['${aws_security_group.vpce.id}'],
        },
      },
      ...rules.resources,
    },
  };
}

const egress = (group: string, body: Json) => ({
  security_group_id: `\${aws_security_group.${group}.id}`,
  ...body,
});

const CONTROLLER_GROUP =
  '${aws_directory_service_directory.d.security_group_id}';

/** The desktop's egress to the domain controllers' group: one rule per Active Directory port. */
const deskToControllers = (target = CONTROLLER_GROUP): Json =>
  Object.fromEntries(
    DIRECTORY_CONTROLLER_PORTS.map(p => [
      `desk_ad_${p.protocol}_${p.from}`,
      egress('desk', {
        referenced_security_group_id: target,
        ip_protocol: p.protocol,
        from_port: p.from,
        to_port: p.to,
      }),
    ]),
  );

/** Rules that make every must-work path open, in the modern style, and no more for the desktop. */
const OPEN: Json = {
  aws_vpc_security_group_egress_rule: {
    ...deskToControllers(),
    desk_primary: egress('desk', {
      referenced_security_group_id: '${aws_security_group.primary.id}',
      ip_protocol: 'tcp',
      from_port: 0,
      to_port: 65535,
    }),
    desk_vpce: egress('desk', {
      referenced_security_group_id: '${aws_security_group.vpce.id}',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    }),
    primary_vpc: egress('primary', {
      cidr_ipv4: '10.0.0.0/16',
      ip_protocol: '-1',
    }),
    core_vpc: egress('core', { cidr_ipv4: '10.0.0.0/16', ip_protocol: '-1' }),
    primary_s3: egress('primary', {
      prefix_list_id: '${aws_vpc_endpoint.s3.prefix_list_id}',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    }),
    core_s3: egress('core', {
      prefix_list_id: '${aws_vpc_endpoint.s3.prefix_list_id}',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    }),
  },
  aws_vpc_security_group_ingress_rule: {
    spark: egress('primary', {
      referenced_security_group_id: '${aws_security_group.desk.id}',
      ip_protocol: 'tcp',
      from_port: 18080,
      to_port: 18080,
    }),
    livy: egress('primary', {
      referenced_security_group_id: '${aws_security_group.desk.id}',
      ip_protocol: 'tcp',
      from_port: 8998,
      to_port: 8998,
    }),
    vpce: egress('vpce', {
      cidr_ipv4: '10.0.0.0/16',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    }),
  },
};

function results(json: Json) {
  return checkGuardrails(json, { accountId: '123456789012' });
}

function problems(json: Json, id: GuardrailRuleId): string[] {
  return results(json)
    .rules.find(r => r.id === id)!
    .findings.map(f => `${f.address}: ${f.problem}`);
}

describe('function checks (reachability)', () => {
  it('proves every must-work path open and reports the ports, in text and JSON', () => {
    const report = results(enclave({ resources: OPEN }));
    for (const id of ['F1', 'F2', 'F3'] as const) {
      expect(report.rules.find(r => r.id === id)!.findings).toEqual([]);
    }
    const f1 = report.rules.find(r => r.id === 'F1')!;
    expect(f1.kind).toBe('function');
    expect(f1.paths).toEqual([
      {
        from: 'desktop (aws_security_group.desk)',
        to: 'EMR primary (aws_security_group.primary)',
        open: [
          'tcp 18080 (Spark: Spark history server)',
          'tcp 8998 (Livy: Livy server)',
        ],
        closed: [],
      },
    ]);
    // EMR primary and core, each to the KMS interface endpoint and the S3 prefix list.
    expect(report.rules.find(r => r.id === 'F3')!.paths).toHaveLength(4);
    const text = formatReportText(report);
    expect(text).toContain(
      'path open: desktop (aws_security_group.desk) -> EMR primary (aws_security_group.primary); open: tcp 18080 (Spark: Spark history server), tcp 8998 (Livy: Livy server)',
    );
    expect(text).toContain(
      'Function checks (the paths a person needs are open):',
    );
    const json = JSON.parse(reportToJson(report));
    expect(json.rules.find((r: Json) => r.id === 'F1').paths[0].open).toEqual(
      f1.paths![0].open,
    );
  });

  it('names the side that blocks a closed port and says how to open it', () => {
    const resources = structuredClone(OPEN);
    delete resources.aws_vpc_security_group_ingress_rule.livy;
    expect(problems(enclave({ resources }), 'F1')).toEqual([
      "aws_security_group.primary: desktop (aws_security_group.desk) -> EMR primary (aws_security_group.primary): the EMR primary's ingress does not admit tcp 8998 (Livy: Livy server) from the desktop",
    ]);
    const report = results(enclave({ resources }));
    expect(report.passed).toBe(false);
    expect(report.rules.find(r => r.id === 'F1')!.paths![0].closed).toEqual([
      'tcp 8998 (Livy: Livy server)',
    ]);
  });

  it('refuses ports beyond the enabled applications (usable, not open)', () => {
    const resources = structuredClone(OPEN);
    resources.aws_vpc_security_group_ingress_rule.wide = egress('primary', {
      cidr_ipv4: '10.0.0.0/16',
      ip_protocol: 'tcp',
      from_port: 22,
      to_port: 22,
    });
    expect(problems(enclave({ resources }), 'F1')).toEqual([
      'aws_security_group.primary: desktop (aws_security_group.desk) -> EMR primary (aws_security_group.primary): also open on tcp 22, beyond the ports of the enabled applications',
    ]);
  });

  it('reads inline blocks and aws_security_group_rule like the modern rule resources', () => {
    const resources = structuredClone(OPEN);
    delete resources.aws_vpc_security_group_ingress_rule.spark;
    delete resources.aws_vpc_security_group_ingress_rule.livy;
    delete resources.aws_vpc_security_group_egress_rule.desk_primary;
    for (const name of Object.keys(
      resources.aws_vpc_security_group_egress_rule,
    ).filter(n => n.startsWith('desk_ad_')))
      delete resources.aws_vpc_security_group_egress_rule[name];
    resources.aws_security_group_rule = {
      livy: {
        type: 'ingress',
        security_group_id: '${aws_security_group.primary.id}',
        source_security_group_id: '${aws_security_group.desk.id}',
        protocol: 'tcp',
        from_port: 8998,
        to_port: 8998,
      },
    };
    const json = enclave({
      resources,
      deskInline: {
        egress: [
          ...DIRECTORY_CONTROLLER_PORTS.map(p => ({
            security_groups: [CONTROLLER_GROUP],
            protocol: p.protocol,
            from_port: p.from,
            to_port: p.to,
          })),
          {
            security_groups: ['${aws_security_group.primary.id}'],
            protocol: 'tcp',
            from_port: 0,
            to_port: 65535,
          },
        ],
      },
      primaryInline: {
        ingress: [
          {
            security_groups: ['${aws_security_group.desk.id}'],
            protocol: 'tcp',
            from_port: 18080,
            to_port: 18080,
          },
        ],
      },
    });
    expect(problems(json, 'F1')).toEqual([]);
    expect(problems(json, 'F2')).toEqual([]);
  });

  it("reaches the controllers by the directory's group; a CIDR reaches every host of a subnet", () => {
    const withoutGroup = (extra: Json) => {
      const resources = structuredClone(OPEN);
      for (const name of Object.keys(
        resources.aws_vpc_security_group_egress_rule,
      ).filter(n => n.startsWith('desk_ad_')))
        delete resources.aws_vpc_security_group_egress_rule[name];
      Object.assign(resources.aws_vpc_security_group_egress_rule, extra);
      return problems(enclave({ resources }), 'F2');
    };
    const noDirectory =
      /^aws_security_group\.desk: desktop .* -> directory .*: the desktop's egress does not allow tcp 53 \(DNS\), udp 53 \(DNS\), tcp 88 \(Kerberos\)/;
    // Another attribute of the directory is not a group.
    const byId = withoutGroup(
      deskToControllers('${aws_directory_service_directory.d.id}'),
    );
    expect(byId).toEqual([expect.stringMatching(noDirectory)]);
    // By CIDR, one subnet covers one controller only, and every other host there.
    const cidrRules = (cidr: string) =>
      Object.fromEntries(
        DIRECTORY_CONTROLLER_PORTS.map(p => [
          `desk_cidr_${cidr}_${p.protocol}_${p.from}`,
          egress('desk', {
            cidr_ipv4: cidr,
            ip_protocol: p.protocol,
            from_port: p.from,
            to_port: p.to,
          }),
        ]),
      );
    const oneSubnet = withoutGroup(cidrRules(SUBNETS.a.cidr_block));
    expect(oneSubnet).toEqual([
      expect.stringMatching(noDirectory),
      expect.stringMatching(
        /-> other VPC address \(any address in 10\.0\.0\.0\/24\): the desktop may send tcp 53, .* to any address there/,
      ),
    ]);
    // Both subnets (the previous stack's shape): the directory is reached, but
    // so is every EMR node, endpoint interface and desktop in them.
    const bothSubnets = withoutGroup({
      ...cidrRules(SUBNETS.a.cidr_block),
      ...cidrRules(SUBNETS.b.cidr_block),
    });
    expect(bothSubnets).toHaveLength(2);
    expect(bothSubnets.join('\n')).toMatch(/any address in 10\.0\.1\.0\/24/);
    expect(bothSubnets.join('\n')).not.toMatch(noDirectory);
    expect(problems(enclave({ resources: OPEN }), 'F2')).toEqual([]);
  });

  it('keeps the desktop from any other VPC address', () => {
    const resources = structuredClone(OPEN);
    resources.aws_vpc_security_group_egress_rule.desk_vpc = egress('desk', {
      cidr_ipv4: '10.0.0.0/16',
      ip_protocol: '-1',
    });
    const found = problems(enclave({ resources }), 'F2');
    // One finding per subnet: an out-of-band host in either would be reachable.
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(
      /^aws_security_group\.desk: desktop \(aws_security_group\.desk\) -> other VPC address \(any address in 10\.0\.0\.0\/24\): the desktop may send all tcp, all udp, icmp to any address there/,
    );
    // Reaching the controllers, the endpoints and the primary by group does not count.
    expect(problems(enclave({ resources: OPEN }), 'F2')).toEqual([]);
  });

  it('reaches a gateway endpoint only through its prefix list', () => {
    const resources = structuredClone(OPEN);
    delete resources.aws_vpc_security_group_egress_rule.core_s3;
    expect(problems(enclave({ resources }), 'F3')).toEqual([
      "aws_security_group.core: EMR core (aws_security_group.core) -> s3 endpoint prefix list (aws_vpc_endpoint.s3): the EMR core's egress does not allow tcp 443 (HTTPS)",
    ]);
  });

  it('does not pass vacuously: desktops without a cluster, a cluster without desktops', () => {
    const noCluster = enclave({ resources: OPEN });
    delete noCluster.resource.aws_emr_cluster;
    expect(problems(noCluster, 'F1')).toEqual([
      'aws_workspaces_directory.w: the stack has desktops but no EMR cluster or EMR launch spec, so there is no Spark to reach',
    ]);
    const noDesktop = enclave({ resources: OPEN });
    delete noDesktop.resource.aws_workspaces_directory;
    expect(problems(noDesktop, 'F1')).toEqual([
      'aws_emr_cluster.c: the stack has an EMR cluster but no aws_workspaces_directory, so no desktop can reach it',
    ]);
  });
});

describe('port algebra', () => {
  it('intersects, merges and subtracts ranges per protocol', () => {
    const all = [{ protocol: 'tcp' as const, from: 0, to: 65535 }];
    const livy = [{ protocol: 'tcp' as const, from: 8998, to: 8998 }];
    expect(intersect(all, livy)).toEqual(livy);
    expect(intersect(livy, [{ protocol: 'udp', from: 0, to: 65535 }])).toEqual(
      [],
    );
    expect(
      normalize([
        { protocol: 'tcp', from: 10, to: 20 },
        { protocol: 'tcp', from: 21, to: 30 },
      ]),
    ).toEqual([{ protocol: 'tcp', from: 10, to: 30 }]);
    expect(subtract(all, livy)).toEqual([
      { protocol: 'tcp', from: 0, to: 8997 },
      { protocol: 'tcp', from: 8999, to: 65535 },
    ]);
  });
});
