/*
 * F3: every EMR node reaches every interface endpoint on HTTPS and the
 * gateway endpoints' prefix lists on HTTPS. Without them a private-subnet
 * cluster cannot bootstrap (S3, EMR API), get credentials (STS) or decrypt
 * (KMS): "Amazon VPC options - Private subnets", Amazon EMR Management Guide
 * (https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-clusters-in-a-vpc.html).
 */
import type { GuardrailRule, ReachabilityPath, RuleFinding } from '../types';
import {
  emrClusterNodes,
  gatewayEndpointNodes,
  interfaceEndpointNodes,
} from './networkNodes';
import { ReachabilityModel } from './openTraffic';
import { judgePath } from './pathCheck';

const HTTPS = [
  { range: { protocol: 'tcp' as const, from: 443, to: 443 }, service: 'HTTPS' },
];

export const f3EmrToEndpoints: GuardrailRule = {
  id: 'F3',
  kind: 'function',
  title: 'EMR nodes reach the VPC endpoints',
  rationale:
    'A cluster in a private subnet reaches AWS only through the endpoints, so every EMR node must reach each interface endpoint on 443 and the S3/DynamoDB gateway prefix lists on 443, or it cannot start.',
  check({ doc }) {
    const model = new ReachabilityModel(doc);
    const findings: RuleFinding[] = [];
    const paths: ReachabilityPath[] = [];
    const interfaces = interfaceEndpointNodes(doc);
    const gateways = gatewayEndpointNodes(doc);
    for (const cluster of emrClusterNodes(doc)) {
      for (const node of [cluster.primary, cluster.core]) {
        for (const endpoint of interfaces) {
          const judged = judgePath(model, node, endpoint, HTTPS, {
            egress: `let the ${node.label} group send HTTPS (tcp 443) to the endpoint subnets or the endpoint security group`,
            ingress: `admit HTTPS (tcp 443) on the endpoint security group from the VPC CIDR or from the ${node.label} group`,
          });
          findings.push(...judged.findings);
          paths.push(judged.path);
        }
        for (const gateway of gateways) {
          const judged = judgePath(model, node, gateway, HTTPS, {
            egress: `add an egress rule on the ${node.label} group to \${${gateway.address}.prefix_list_id} on tcp 443`,
            ingress: 'gateway endpoints have no security group',
          });
          findings.push(...judged.findings);
          paths.push(judged.path);
        }
      }
    }
    return { findings, relaxations: [], paths };
  },
};
