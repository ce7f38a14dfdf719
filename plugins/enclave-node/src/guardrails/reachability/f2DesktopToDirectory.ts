/*
 * F2: a desktop reaches both domain controllers on the Active Directory
 * ports (sign-in, Kerberos, DNS, LDAP, SMB for group policy). The
 * controllers' own group is created by AWS and admits these ports from the
 * VPC CIDR (awsFacts/directoryPorts.ts), so in practice this checks the
 * WorkSpaces group's egress toward both directory subnets.
 */
import { DIRECTORY_CONTROLLER_PORTS } from '../../awsFacts';
import type { GuardrailRule, ReachabilityPath, RuleFinding } from '../types';
import { desktopNodes, directoryNodes } from './networkNodes';
import { ReachabilityModel } from './openTraffic';
import { judgePath } from './pathCheck';

const REQUIRED = DIRECTORY_CONTROLLER_PORTS.map(p => ({
  range: { protocol: p.protocol, from: p.from, to: p.to },
  service: p.service,
}));

export const f2DesktopToDirectory: GuardrailRule = {
  id: 'F2',
  kind: 'function',
  title: 'Desktops reach the directory',
  rationale:
    'A WorkSpace signs its user in against the directory, so the WorkSpaces group must reach both domain controllers on the Active Directory ports (DNS, Kerberos, LDAP, SMB, RPC).',
  check({ doc }) {
    const model = new ReachabilityModel(doc);
    const findings: RuleFinding[] = [];
    const paths: ReachabilityPath[] = [];
    for (const directory of directoryNodes(doc)) {
      for (const desktop of desktopNodes(doc)) {
        const judged = judgePath(model, desktop, directory, REQUIRED, {
          egress:
            'let the WorkSpaces custom security group send to both directory subnets on the Active Directory ports (awsFacts/directoryPorts.ts), e.g. an egress rule to the VPC CIDR',
          ingress:
            'place the directory in subnets of this VPC: its AWS-created group admits the Active Directory ports from the VPC CIDR only',
        });
        findings.push(...judged.findings);
        paths.push(judged.path);
      }
    }
    return { findings, relaxations: [], paths };
  },
};
