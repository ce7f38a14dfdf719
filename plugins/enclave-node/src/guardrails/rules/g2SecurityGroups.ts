/*
 * G2: security groups stay inside the VPC.
 *
 * Unknown and reference values (see securityGroups.ts for the full list):
 *  - a CIDR must be a literal or a reference that resolves to a literal inside
 *    this document (`${aws_vpc.main.cidr_block}` is safe); an unknown CIDR is a
 *    finding;
 *  - a security group peer must refer to a group of this document;
 *  - an egress prefix list must be `${aws_vpc_endpoint.<gateway>.prefix_list_id}`
 *    of a gateway endpoint of this document; a literal `pl-…` is a finding.
 */
import { securityGroupFindings } from '../securityGroups';
import type { GuardrailRule } from '../types';

export const g2SecurityGroups: GuardrailRule = {
  id: 'G2',
  title: 'Security groups stay inside the VPC',
  rationale:
    'A security group is the last network control on every interface, so egress may only reach the VPC CIDR and the gateway endpoint prefix lists, and ingress may only come from the VPC.',
  check({ doc }) {
    return { findings: securityGroupFindings(doc), relaxations: [] };
  },
};
