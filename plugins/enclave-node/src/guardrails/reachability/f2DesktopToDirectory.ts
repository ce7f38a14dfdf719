/*
 * F2: a desktop reaches both domain controllers on the Active Directory
 * ports (sign-in, Kerberos, DNS, LDAP, SMB for group policy), and no other
 * address of the VPC on any other port.
 *
 * The controllers' own group is created by AWS and admits these ports from
 * the VPC CIDR (awsFacts/directoryPorts.ts), so in practice the first half
 * checks the WorkSpaces group's egress toward both directory subnets.
 *
 * The second half bounds that egress: because the controllers' group cannot
 * be referenced, the desktops reach them by subnet CIDR, and whatever such a
 * rule admits also reaches every other address in those subnets. So the
 * egress a desktop has toward an arbitrary address of each subnet of the
 * document (an instance launched out of band, with a group that admits the
 * VPC) must stay within the directory ports. Endpoints and the EMR primary
 * are reached by security group reference, which an arbitrary address does
 * not match, so they do not count against the bound.
 */
import { DIRECTORY_CONTROLLER_PORTS } from '../../awsFacts';
import { parseCidr } from '../cidr';
import type { TerraformDocument } from '../terraformDocument';
import type { GuardrailRule, ReachabilityPath, RuleFinding } from '../types';
import type { NetworkNode } from './networkNodes';
import { desktopNodes, directoryNodes } from './networkNodes';
import { ReachabilityModel } from './openTraffic';
import { judgePath, nodeName } from './pathCheck';
import { describeRange, subtract } from './ports';

const REQUIRED = DIRECTORY_CONTROLLER_PORTS.map(p => ({
  range: { protocol: p.protocol, from: p.from, to: p.to },
  service: p.service,
}));

/** An address in one subnet that belongs to no group of this stack. */
function arbitraryHosts(doc: TerraformDocument): NetworkNode[] {
  return doc.ofType('aws_subnet').flatMap(subnet => {
    const cidr = doc.attribute(subnet, 'cidr_block');
    const text =
      cidr.kind === 'literal' && typeof cidr.value === 'string'
        ? cidr.value
        : undefined;
    const parsed = text ? parseCidr(text) : undefined;
    return parsed
      ? [
          {
            label: 'other VPC address',
            address: subnet.address,
            shownAs: `any address in ${text}`,
            groups: [],
            subnets: [parsed],
          },
        ]
      : [];
  });
}

export const f2DesktopToDirectory: GuardrailRule = {
  id: 'F2',
  kind: 'function',
  title: 'Desktops reach the directory, and no other VPC address',
  rationale:
    'A WorkSpace signs its user in against the directory, so the WorkSpaces group must reach both domain controllers on the Active Directory ports (DNS, Kerberos, LDAP, SMB, RPC); beyond those ports it reaches no VPC address except the endpoints and the EMR primary, by their groups.',
  check({ doc }) {
    const model = new ReachabilityModel(doc);
    const findings: RuleFinding[] = [];
    const paths: ReachabilityPath[] = [];
    const desktops = desktopNodes(doc);
    for (const directory of directoryNodes(doc)) {
      for (const desktop of desktops) {
        const judged = judgePath(model, desktop, directory, REQUIRED, {
          egress:
            'let the WorkSpaces custom security group send to both directory subnets on the Active Directory ports (awsFacts/directoryPorts.ts), one egress rule per port and subnet (stack/workspacesDirectory.ts)',
          ingress:
            'place the directory in subnets of this VPC: its AWS-created group admits the Active Directory ports from the VPC CIDR only',
        });
        findings.push(...judged.findings);
        paths.push(judged.path);
      }
    }
    const allowed = REQUIRED.map(r => r.range);
    for (const desktop of desktops) {
      for (const host of arbitraryHosts(doc)) {
        const extra = subtract(model.egress(desktop, host), allowed);
        if (extra.length === 0) continue;
        findings.push({
          address: desktop.groups[0] ?? desktop.address,
          problem: `${nodeName(desktop)} -> ${nodeName(
            host,
          )}: the desktop may also send ${extra
            .map(describeRange)
            .join(
              ', ',
            )}, beyond the directory ports, to any address there (a host launched out of band would be reachable)`,
          fix: 'bound the WorkSpaces group\u2019s CIDR egress to the directory ports (awsFacts/directoryPorts.ts) and reach the endpoints and the EMR primary by security group reference, not by the VPC CIDR',
        });
      }
    }
    return { findings, relaxations: [], paths };
  },
};
