/*
 * F2: a desktop reaches both domain controllers on the Active Directory
 * ports (sign-in, Kerberos, DNS, LDAP, SMB for group policy), and no other
 * address of the VPC by CIDR.
 *
 * The controllers' own group is created by AWS and admits these ports from
 * the VPC CIDR (awsFacts/directoryPorts.ts); the directory exports it as
 * `security_group_id`, so the first half checks the WorkSpaces group's egress
 * to that group (CIDRs covering both directory subnets would reach them too,
 * but the second half refuses any CIDR egress).
 *
 * The second half: the desktop's egress toward an arbitrary address of each
 * subnet of the document (an instance launched out of band, an EMR node's
 * or an endpoint's interface, another desktop) must be empty. The
 * controllers, the endpoints and the EMR primary are reached by security
 * group reference, which an arbitrary address does not match; any CIDR rule
 * that covers a subnet reaches every host in it, so it is a finding even on
 * the directory ports.
 *
 * Not visible here: the `<directory id>_workspacesMembers` group WorkSpaces
 * creates and attaches beside the custom group (its rules aggregate with
 * ours, "Security groups for WorkSpaces Personal", WorkSpaces Administration
 * Guide). It is not in the Terraform document, so F2 bounds only the custom
 * group; G7's report says so.
 */
import { DIRECTORY_CONTROLLER_PORTS } from '../../awsFacts';
import { parseCidr } from '../cidr';
import type { TerraformDocument } from '../terraformDocument';
import type { GuardrailRule, ReachabilityPath, RuleFinding } from '../types';
import type { NetworkNode } from './networkNodes';
import { desktopNodes, directoryNodes } from './networkNodes';
import { ReachabilityModel } from './openTraffic';
import { judgePath, nodeName } from './pathCheck';
import { describeRange } from './ports';

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
    'A WorkSpace signs its user in against the directory, so the WorkSpaces custom group must reach both domain controllers on the Active Directory ports (DNS, Kerberos, LDAP, SMB, RPC) by their group; it reaches no other VPC address, only the controllers, the endpoints and the EMR primary by their groups (the WorkSpaces-created _workspacesMembers group is outside the document and not checked).',
  check({ doc }) {
    const model = new ReachabilityModel(doc);
    const findings: RuleFinding[] = [];
    const paths: ReachabilityPath[] = [];
    const desktops = desktopNodes(doc);
    for (const directory of directoryNodes(doc)) {
      for (const desktop of desktops) {
        const judged = judgePath(model, desktop, directory, REQUIRED, {
          egress:
            "let the WorkSpaces custom security group send to the directory's controller group (referenced_security_group_id = the directory's security_group_id) on the Active Directory ports (awsFacts/directoryPorts.ts), one egress rule per port (stack/workspacesDirectory.ts)",
          ingress:
            'place the directory in subnets of this VPC: its AWS-created group admits the Active Directory ports from the VPC CIDR only',
        });
        findings.push(...judged.findings);
        paths.push(judged.path);
      }
    }
    for (const desktop of desktops) {
      for (const host of arbitraryHosts(doc)) {
        const extra = model.egress(desktop, host);
        if (extra.length === 0) continue;
        findings.push({
          address: desktop.groups[0] ?? desktop.address,
          problem: `${nodeName(desktop)} -> ${nodeName(
            host,
          )}: the desktop may send ${extra
            .map(describeRange)
            .join(
              ', ',
            )} to any address there (EMR nodes, endpoint interfaces, other desktops or a host launched out of band)`,
          fix: "drop the WorkSpaces group's CIDR egress: reach the domain controllers by the directory's security_group_id, and the endpoints and the EMR primary by their security groups",
        });
      }
    }
    return { findings, relaxations: [], paths };
  },
};
