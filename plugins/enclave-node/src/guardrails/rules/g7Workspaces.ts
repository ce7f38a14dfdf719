/*
 * G7: WorkSpaces desktops have no internet, no local admin, a custom security
 * group that obeys G2, an IP access group that is not "anyone", and only
 * managed client device types.
 *
 * What the custom group does and does not bound: registering a directory makes
 * WorkSpaces create its own `<directory id>_workspacesMembers` group, which
 * every desktop also carries, and the rules of all groups on a desktop are
 * aggregated ("Security groups for WorkSpaces Personal", Amazon WorkSpaces
 * Administration Guide,
 * https://docs.aws.amazon.com/workspaces/latest/adminguide/amazon-workspaces-security-groups.html).
 * That group is not in the stack, so the custom group alone does not bound a
 * desktop's egress. What does: no route out of the VPC (G1), the endpoint
 * perimeter (G3) and the DNS firewall (G5). G7 checks the custom group so it
 * adds no path of its own.
 *
 * Unknown and reference values:
 *  - `enable_internet_access` and `user_enabled_as_local_administrator` must
 *    be literal false; absent is a finding too, because the stack must not
 *    depend on provider/AWS defaults for a guardrail;
 *  - `custom_security_group_id` must refer to an aws_security_group of this
 *    document, whose rules are then judged exactly like G2;
 *  - every `ip_group_ids` entry must refer to an aws_workspaces_ip_group of this
 *    document, and every rule source must be a literal CIDR; sources of all
 *    groups are judged together, so `0.0.0.0/1` + `128.0.0.0/1` is "anyone";
 *  - device types must be literal ALLOW/DENY (an absent one defaults to ALLOW).
 */
import { Cidr, coversWholeInternet, parseCidr } from '../cidr';
import { describeState } from '../describe';
import { securityGroupFindings } from '../securityGroups';
import type { TerraformResource } from '../terraformDocument';
import type { GuardrailRule, RuleContext, RuleFinding } from '../types';
import { asBlocks, asList } from '../values';

export const DEVICE_TYPES = [
  'device_type_android',
  'device_type_chromeos',
  'device_type_ios',
  'device_type_linux',
  'device_type_osx',
  'device_type_web',
  'device_type_windows',
  'device_type_zeroclient',
] as const;

/**
 * Clients on devices the organisation cannot manage: browsers (extensions,
 * screenshots, clipboard), phones and tablets (easy to lose and to
 * screen-record), ChromeOS and zero clients (no endpoint posture).
 */
export const DEVICE_TYPES_DENIED = [
  'device_type_web',
  'device_type_ios',
  'device_type_android',
  'device_type_chromeos',
  'device_type_zeroclient',
] as const;

function mustBeFalse(
  ctx: RuleContext,
  directory: TerraformResource,
  path: string,
  fix: string,
): RuleFinding[] {
  const state = ctx.doc.attribute(directory, path);
  if (state.kind === 'literal' && state.value === false) return [];
  return [
    {
      address: directory.address,
      problem: `${path} is ${describeState(state)}; it must be false`,
      fix,
    },
  ];
}

function ipGroupFindings(
  ctx: RuleContext,
  directory: TerraformResource,
): RuleFinding[] {
  const { doc, config } = ctx;
  const findings: RuleFinding[] = [];
  const ids = asList(directory.values.ip_group_ids);
  if (ids.length === 0) {
    return [
      {
        address: directory.address,
        problem:
          'no IP access group is associated, so any client address may connect',
        fix: 'associate an aws_workspaces_ip_group with the team\u2019s client CIDRs',
      },
    ];
  }
  const sources: Cidr[] = [];
  for (const raw of ids) {
    const group = doc.referencedResource(
      raw,
      ['aws_workspaces_ip_group'],
      directory,
    );
    if (!group) {
      findings.push({
        address: directory.address,
        problem: `ip_group_ids holds ${describeState(
          doc.resolve(raw, directory),
        )}, which is not an IP group of this stack`,
        fix: 'refer to an aws_workspaces_ip_group defined in the stack',
      });
      continue;
    }
    const rules = asBlocks(group.values.rules);
    if (rules.length === 0) {
      findings.push({
        address: group.address,
        problem: 'the IP group has no rules',
        fix: 'list the team\u2019s client CIDRs as rules',
      });
    }
    for (const rule of rules) {
      const state = doc.resolve(rule.source, group);
      const cidr =
        state.kind === 'literal' ? parseCidr(String(state.value)) : undefined;
      if (!cidr) {
        findings.push({
          address: group.address,
          problem: `rule source ${describeState(state)} is not a literal CIDR`,
          fix: 'write client CIDRs literally, e.g. "203.0.113.0/24"',
        });
        continue;
      }
      sources.push(cidr);
    }
  }
  const family = coversWholeInternet(sources);
  if (family && !config.allowAnyClientCidr) {
    findings.push({
      address: directory.address,
      problem: `its IP access groups admit every ${
        family === 'ipv4' ? 'IPv4' : 'IPv6'
      } client address (${sources.map(s => s.text).join(', ')})`,
      fix: 'list only the team\u2019s client networks, or have the platform team set dataEnclave.guardrails.allowAnyClientCidr',
    });
  }
  return findings;
}

function deviceFindings(
  ctx: RuleContext,
  directory: TerraformResource,
): RuleFinding[] {
  const access = asBlocks(directory.values.workspace_access_properties)[0];
  if (!access) {
    return [
      {
        address: directory.address,
        problem:
          'workspace_access_properties is not set, so every client device type is allowed',
        fix: `set workspace_access_properties with ${DEVICE_TYPES_DENIED.join(
          ', ',
        )} = "DENY"`,
      },
    ];
  }
  const findings: RuleFinding[] = [];
  for (const type of DEVICE_TYPES) {
    const state = ctx.doc.resolve(access[type], directory);
    const value =
      state.kind === 'literal' ? String(state.value).toUpperCase() : undefined;
    const mustDeny = (DEVICE_TYPES_DENIED as readonly string[]).includes(type);
    if (value === 'DENY' || (value === 'ALLOW' && !mustDeny)) continue;
    findings.push({
      address: directory.address,
      problem: `workspace_access_properties.${type} is ${describeState(state)}${
        mustDeny ? '; this client type runs on unmanaged devices' : ''
      }`,
      fix: `set ${type} = "${mustDeny ? 'DENY' : 'ALLOW" or "DENY'}"`,
    });
  }
  return findings;
}

export const g7Workspaces: GuardrailRule = {
  id: 'G7',
  title: 'WorkSpaces are isolated desktops',
  rationale:
    'A desktop is where people see the data, so WorkSpaces get no internet access, no local administrator, a custom security group that obeys G2 (WorkSpaces adds its own workspacesMembers group, so egress is bounded by G1, G3 and G5, not by this group alone), an IP access group that is not open to everyone, and only managed client device types.',
  check(ctx) {
    const { doc, config } = ctx;
    const findings: RuleFinding[] = [];
    const relaxations = config.allowAnyClientCidr
      ? [
          'G7 relaxed by config: dataEnclave.guardrails.allowAnyClientCidr lets WorkSpaces clients connect from any address (0.0.0.0/0)',
        ]
      : [];
    for (const directory of doc.ofType('aws_workspaces_directory')) {
      const creation = asBlocks(
        directory.values.workspace_creation_properties,
      )[0];
      if (!creation) {
        findings.push({
          address: directory.address,
          problem:
            'workspace_creation_properties is not set (internet access, local admin and security group fall back to defaults)',
          fix: 'set workspace_creation_properties with enable_internet_access = false, user_enabled_as_local_administrator = false and custom_security_group_id',
        });
      } else {
        findings.push(
          ...mustBeFalse(
            ctx,
            directory,
            'workspace_creation_properties.enable_internet_access',
            'set enable_internet_access = false',
          ),
          ...mustBeFalse(
            ctx,
            directory,
            'workspace_creation_properties.user_enabled_as_local_administrator',
            'set user_enabled_as_local_administrator = false',
          ),
        );
        const group = doc.referencedResource(
          creation.custom_security_group_id,
          ['aws_security_group'],
          directory,
        );
        if (!group) {
          findings.push({
            address: directory.address,
            problem: `custom_security_group_id is ${describeState(
              doc.resolve(creation.custom_security_group_id, directory),
            )}, not a security group of this stack`,
            fix: 'create a security group that obeys G2 and set it as custom_security_group_id',
          });
        } else {
          findings.push(
            ...securityGroupFindings(doc, { onlyGroup: group.address }).map(
              f => ({
                ...f,
                problem: `the WorkSpaces security group ${group.address} breaks G2: ${f.problem}`,
              }),
            ),
          );
        }
      }
      findings.push(
        ...ipGroupFindings(ctx, directory),
        ...deviceFindings(ctx, directory),
      );
    }
    return { findings, relaxations };
  },
};
