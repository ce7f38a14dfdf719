/*
 * F1: a person at a desktop reaches the Spark applications on the EMR primary
 * node (Livy, Jupyter Enterprise Gateway, the Spark history server and the
 * other desktop-facing ports of `emr.applications`, from awsFacts), and
 * nothing else on it: the primary node's ingress from the desktop is bounded
 * to exactly those ports, so "usable" never quietly becomes "open".
 */
import { emrApplicationPortsFor } from '../../awsFacts';
import type { GuardrailRule, ReachabilityPath, RuleFinding } from '../types';
import { desktopNodes, emrClusterNodes } from './networkNodes';
import { ReachabilityModel } from './openTraffic';
import { judgePath, nodeName } from './pathCheck';
import { describeRange, subtract } from './ports';

const FIX_INGRESS =
  'add aws_vpc_security_group_ingress_rule resources on the EMR primary group with referenced_security_group_id = the WorkSpaces custom security group, one per application port (stack/desktopAccess.ts does this from awsFacts/emrApplicationPorts.ts)';
const FIX_EGRESS =
  'let the WorkSpaces custom security group send to the EMR primary group on the application ports (an egress rule to the VPC CIDR or to the primary group)';

export const f1DesktopToEmr: GuardrailRule = {
  id: 'F1',
  kind: 'function',
  title: 'Desktops reach the Spark applications, and only them',
  rationale:
    'The enclave exists so people at their desktops can use Spark: the WorkSpaces group must reach the EMR primary node on the port of every enabled application (Livy, Jupyter Enterprise Gateway, Spark history server), and on no other port.',
  check({ doc }) {
    const model = new ReachabilityModel(doc);
    const findings: RuleFinding[] = [];
    const paths: ReachabilityPath[] = [];
    const desktops = desktopNodes(doc);
    const clusters = emrClusterNodes(doc);
    if (clusters.length === 0) {
      // Desktops with nothing to reach are not an enclave that works.
      findings.push(
        ...desktops.map(desktop => ({
          address: desktop.address,
          problem:
            'the stack has desktops but no EMR cluster or EMR launch spec, so there is no Spark to reach',
          fix: 'add the EMR cluster construct (stack/emrCluster.ts)',
        })),
      );
    }
    for (const cluster of clusters) {
      const required = emrApplicationPortsFor(cluster.applications).map(p => ({
        range: { protocol: p.protocol, from: p.port, to: p.port },
        service: `${p.application}: ${p.service}`,
      }));
      if (desktops.length === 0) {
        findings.push({
          address: cluster.cluster.address,
          problem:
            'the stack has an EMR cluster but no aws_workspaces_directory, so no desktop can reach it',
          fix: 'register the directory with WorkSpaces (stack/workspacesDirectory.ts)',
        });
      }
      for (const desktop of desktops) {
        const judged = judgePath(model, desktop, cluster.primary, required, {
          egress: FIX_EGRESS,
          ingress: FIX_INGRESS,
        });
        findings.push(...judged.findings);
        paths.push(judged.path);
        const extra = subtract(
          judged.open,
          required.map(r => r.range),
        );
        if (extra.length > 0) {
          findings.push({
            address: cluster.primary.groups[0] ?? cluster.cluster.address,
            problem: `${nodeName(desktop)} -> ${nodeName(
              cluster.primary,
            )}: also open on ${extra
              .map(describeRange)
              .join(', ')}, beyond the ports of the enabled applications`,
            fix: 'limit the EMR primary group\u2019s ingress from the desktop to the application ports in awsFacts/emrApplicationPorts.ts',
          });
        }
      }
    }
    return { findings, relaxations: [], paths };
  },
};
