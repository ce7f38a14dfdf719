/*
 * Security group rules in all four Terraform spellings (inline blocks on
 * aws_security_group / aws_default_security_group, aws_security_group_rule,
 * aws_vpc_security_group_{ingress,egress}_rule), normalized to one peer list
 * and judged against the VPC's address space. Used by G2 for every group and
 * by G7 for the WorkSpaces custom group.
 *
 * A peer is acceptable when it is provably inside the VPC:
 *  - a CIDR literal, or a reference that resolves to one (e.g.
 *    `${aws_vpc.main.cidr_block}`), covered by the union of the VPC's CIDRs;
 *  - another security group of this document, or `self`;
 *  - for egress only: the prefix list of a gateway endpoint of this document
 *    (`${aws_vpc_endpoint.s3.prefix_list_id}`), i.e. traffic to S3/DynamoDB
 *    through the policed endpoint.
 * Everything else - a literal `pl-…`/`sg-…` id, a CIDR known only after apply,
 * a reference we cannot follow - cannot be proven safe and is a finding.
 */
import { Cidr, coversWholeInternet, isCoveredBy, parseCidr } from './cidr';
import { describeState, listSentence } from './describe';
import { isGatewayEndpointPrefixList, vpcCidrs } from './networkModel';
import type { TerraformDocument, TerraformResource } from './terraformDocument';
import type { RuleFinding } from './types';
import { JsonObject, asBlocks, asList } from './values';

export type Direction = 'ingress' | 'egress';

export interface Peer {
  kind: 'cidr' | 'prefix-list' | 'security-group' | 'self';
  raw: unknown;
}

export interface SecurityGroupRule {
  /** Address of the resource that declares the rule. */
  address: string;
  /** `egress[1]` for inline blocks, '' for standalone rule resources. */
  where: string;
  declaredIn: TerraformResource;
  /** The security group the rule belongs to (address), when it can be followed. */
  group?: string;
  direction: Direction;
  peers: Peer[];
  /** The rule's own attributes (protocol and ports), for the reachability model. */
  body: JsonObject;
}

const SG_TYPES = ['aws_security_group', 'aws_default_security_group'];

export function collectSecurityGroupRules(
  doc: TerraformDocument,
): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [];
  for (const group of doc.ofTypes(SG_TYPES)) {
    for (const direction of ['ingress', 'egress'] as const) {
      asBlocks(group.values[direction]).forEach((block, index) =>
        rules.push({
          address: group.address,
          where: `${direction}[${index}]`,
          declaredIn: group,
          group: group.address,
          direction,
          peers: legacyPeers(block, 'security_groups'),
          body: block,
        }),
      );
    }
  }
  for (const rule of doc.ofType('aws_security_group_rule')) {
    const direction = rule.values.type === 'egress' ? 'egress' : 'ingress';
    rules.push({
      address: rule.address,
      where: '',
      declaredIn: rule,
      group: groupOf(doc, rule),
      direction,
      peers: legacyPeers(rule.values, 'source_security_group_id'),
      body: rule.values,
    });
  }
  for (const [type, direction] of [
    ['aws_vpc_security_group_ingress_rule', 'ingress'],
    ['aws_vpc_security_group_egress_rule', 'egress'],
  ] as const) {
    for (const rule of doc.ofType(type)) {
      const v = rule.values;
      const peers: Peer[] = [
        ...present(v.cidr_ipv4).map(raw => ({ kind: 'cidr' as const, raw })),
        ...present(v.cidr_ipv6).map(raw => ({ kind: 'cidr' as const, raw })),
        ...present(v.prefix_list_id).map(raw => ({
          kind: 'prefix-list' as const,
          raw,
        })),
        ...present(v.referenced_security_group_id).map(raw => ({
          kind: 'security-group' as const,
          raw,
        })),
      ];
      rules.push({
        address: rule.address,
        where: '',
        declaredIn: rule,
        group: groupOf(doc, rule),
        direction,
        peers,
        body: v,
      });
    }
  }
  return rules;
}

function legacyPeers(body: JsonObject, groupKey: string): Peer[] {
  return [
    ...asList(body.cidr_blocks).map(raw => ({ kind: 'cidr' as const, raw })),
    ...asList(body.ipv6_cidr_blocks).map(raw => ({
      kind: 'cidr' as const,
      raw,
    })),
    ...asList(body.prefix_list_ids).map(raw => ({
      kind: 'prefix-list' as const,
      raw,
    })),
    ...asList(body[groupKey]).map(raw => ({
      kind: 'security-group' as const,
      raw,
    })),
    ...(body.self === true ? [{ kind: 'self' as const, raw: true }] : []),
  ];
}

function present(value: unknown): unknown[] {
  return value === undefined || value === null || value === '' ? [] : [value];
}

function groupOf(
  doc: TerraformDocument,
  rule: TerraformResource,
): string | undefined {
  return doc.referencedResource(rule.values.security_group_id, SG_TYPES, rule)
    ?.address;
}

/** Judges rules; `onlyGroup` restricts to the rules of one security group. */
export function securityGroupFindings(
  doc: TerraformDocument,
  options: { onlyGroup?: string; fixPrefix?: string } = {},
): RuleFinding[] {
  const allowed = vpcCidrs(doc);
  const findings: RuleFinding[] = [];
  const rules = collectSecurityGroupRules(doc).filter(
    r => options.onlyGroup === undefined || r.group === options.onlyGroup,
  );
  for (const rule of rules) {
    const outside: Cidr[] = [];
    const problems: string[] = [];
    for (const peer of rule.peers) {
      const problem = peerProblem(doc, rule, peer, allowed, outside);
      if (problem) problems.push(problem);
    }
    if (problems.length === 0) continue;
    const internet = coversWholeInternet(outside);
    const label = rule.where
      ? `${rule.direction} rule ${rule.where}`
      : `${rule.direction} rule`;
    findings.push({
      address: rule.address,
      problem: `${label} ${
        rule.direction === 'egress'
          ? 'allows traffic to'
          : 'admits traffic from'
      } ${listSentence(problems)}${
        internet
          ? `; together these cover the whole ${
              internet === 'ipv4' ? 'IPv4' : 'IPv6'
            } internet`
          : ''
      }`,
      fix: `${options.fixPrefix ?? ''}${
        rule.direction === 'egress'
          ? 'limit egress to the VPC CIDR, security groups of this stack, or the prefix list of a gateway endpoint'
          : 'limit ingress to the VPC CIDR or security groups of this stack'
      }${
        allowed.length ? ` (VPC: ${allowed.map(c => c.text).join(', ')})` : ''
      }`,
    });
  }
  return findings;
}

function peerProblem(
  doc: TerraformDocument,
  rule: SecurityGroupRule,
  peer: Peer,
  allowed: Cidr[],
  outside: Cidr[],
): string | undefined {
  const state = doc.resolve(peer.raw, rule.declaredIn);
  switch (peer.kind) {
    case 'self':
      return undefined;
    case 'security-group': {
      if (
        state.kind === 'expression' &&
        state.reference &&
        doc.find(state.reference.address, rule.declaredIn)
      ) {
        return undefined;
      }
      return `security group ${describeState(
        state,
      )}, which is not a group of this stack`;
    }
    case 'prefix-list': {
      if (
        rule.direction === 'egress' &&
        isGatewayEndpointPrefixList(doc, peer.raw, rule.declaredIn)
      ) {
        return undefined;
      }
      return `prefix list ${describeState(state)}, which is not ${
        rule.direction === 'egress'
          ? 'the prefix list of a gateway endpoint of this stack'
          : 'inside the VPC'
      }`;
    }
    case 'cidr':
    default: {
      if (state.kind !== 'literal' || typeof state.value !== 'string') {
        return `CIDR ${describeState(
          state,
        )}, which cannot be proven to be inside the VPC`;
      }
      const cidr = parseCidr(state.value);
      if (!cidr) return `"${state.value}", which is not a CIDR`;
      if (isCoveredBy(cidr, allowed)) return undefined;
      outside.push(cidr);
      return `${cidr.text}, which is outside the VPC`;
    }
  }
}
