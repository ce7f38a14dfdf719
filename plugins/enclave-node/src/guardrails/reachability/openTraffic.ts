/*
 * The reachability model: traffic from node A to node B on a port is open
 * iff A's egress admits B AND B's ingress admits A, each by one of
 *  - a security group reference to one of the other node's groups (or
 *    `self` when both share the rule's group; for the directory, its
 *    AWS-created controller group `${<directory>.security_group_id}`),
 *  - a CIDR that covers the other node's subnet (every subnet is checked on
 *    its own: a node in two subnets is reachable only if both are),
 *  - for egress only, the prefix list of the gateway endpoint B is.
 * Security groups are stateful, so replies need no rule. Routes inside a VPC
 * always include `local`, and G1 proves nothing leaves it, so subnets of one
 * VPC can always route to each other; network ACLs are not in the stack.
 */
import { Cidr, isCoveredBy, parseCidr } from '../cidr';
import { vpcCidrs } from '../networkModel';
import {
  Peer,
  SecurityGroupRule,
  collectSecurityGroupRules,
} from '../securityGroups';
import type { TerraformDocument } from '../terraformDocument';
import {
  ALL_TRAFFIC,
  PortRange,
  intersect,
  normalize,
  ruleTraffic,
} from './ports';
import type { NetworkNode } from './networkNodes';

/** The document's security group rules, read once per check. */
export class ReachabilityModel {
  private readonly rules: SecurityGroupRule[];
  private readonly vpc: Cidr[];

  constructor(private readonly doc: TerraformDocument) {
    this.rules = collectSecurityGroupRules(doc);
    this.vpc = vpcCidrs(doc);
  }

  /** Traffic that can flow from `a` to `b` (stateful: replies are implied). */
  openTraffic(a: NetworkNode, b: NetworkNode): PortRange[] {
    return intersect(this.egress(a, b), this.ingress(b, a));
  }

  /** What `a`'s egress lets out toward `b`. */
  egress(a: NetworkNode, b: NetworkNode): PortRange[] {
    return this.admitted(a, 'egress', b);
  }

  /** What `b`'s ingress lets in from `a`. */
  ingress(b: NetworkNode, a: NetworkNode): PortRange[] {
    if (b.prefixListOf) {
      // A gateway endpoint has no security group; G3 polices what it serves.
      return [...ALL_TRAFFIC];
    }
    if (b.managedIngressFromVpc) {
      const inVpc =
        a.subnets.length > 0 &&
        a.subnets.every(s => s !== undefined && isCoveredBy(s, this.vpc));
      return inVpc
        ? normalize(
            b.managedIngressFromVpc.map(p => ({
              protocol: p.protocol,
              from: p.from,
              to: p.to,
            })),
          )
        : [];
    }
    return this.admitted(b, 'ingress', a);
  }

  /**
   * Union of what `owner`'s rules in `direction` admit toward `peer`; when the
   * peer is admitted by CIDR, the traffic must be admitted for each of its
   * subnets, so the result is the intersection over them.
   */
  private admitted(
    owner: NetworkNode,
    direction: 'ingress' | 'egress',
    peer: NetworkNode,
  ): PortRange[] {
    const rules = this.rules.filter(
      r =>
        r.direction === direction &&
        r.group !== undefined &&
        owner.groups.includes(r.group),
    );
    const byGroup: PortRange[] = [];
    // One slot per peer subnet; a peer without subnets (a prefix list) has one slot.
    const slots = peer.subnets.length > 0 ? peer.subnets : [undefined];
    const bySubnet: PortRange[][] = slots.map(() => []);
    for (const rule of rules) {
      const traffic = ruleTraffic(this.doc, rule.body, rule.declaredIn);
      if (traffic.length === 0) continue;
      for (const p of rule.peers) {
        if (this.identifies(rule, p, peer)) {
          byGroup.push(...traffic);
          continue;
        }
        if (p.kind !== 'cidr') continue;
        const cidr = this.cidrOf(rule, p);
        if (!cidr) continue;
        slots.forEach((subnet, i) => {
          if (subnet && isCoveredBy(subnet, [cidr]))
            bySubnet[i].push(...traffic);
        });
      }
    }
    return bySubnet
      .map(ranges => normalize([...byGroup, ...ranges]))
      .reduce((acc, ranges) => intersect(acc, ranges));
  }

  /** True when the peer entry names the node itself (group, self or prefix list). */
  private identifies(
    rule: SecurityGroupRule,
    p: Peer,
    node: NetworkNode,
  ): boolean {
    switch (p.kind) {
      case 'self':
        return rule.group !== undefined && node.groups.includes(rule.group);
      case 'security-group': {
        const state = this.doc.resolve(p.raw, rule.declaredIn);
        if (state.kind !== 'expression' || !state.reference) return false;
        const target = this.doc.find(state.reference.address, rule.declaredIn);
        if (target === undefined) return false;
        // The directory's controller group (created by AWS, exported by the
        // directory resource): only that attribute names a group.
        if (node.controllerGroupOf === target.address)
          return state.reference.attribute.join('.') === 'security_group_id';
        return node.groups.includes(target.address);
      }
      case 'prefix-list':
        return (
          rule.direction === 'egress' &&
          node.prefixListOf !== undefined &&
          this.doc.referencedResource(
            p.raw,
            ['aws_vpc_endpoint'],
            rule.declaredIn,
          )?.address === node.prefixListOf
        );
      default:
        return false;
    }
  }

  private cidrOf(rule: SecurityGroupRule, p: Peer): Cidr | undefined {
    const state = this.doc.resolve(p.raw, rule.declaredIn);
    if (state.kind !== 'literal' || typeof state.value !== 'string')
      return undefined;
    return parseCidr(state.value);
  }
}
