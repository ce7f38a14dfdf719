/*
 * What the three function checks share: judge one must-work path against the
 * model, turning each closed required port into a finding with a fix and
 * recording the path for the report.
 */
import type { ReachabilityPath, RuleFinding } from '../types';
import type { NetworkNode } from './networkNodes';
import type { ReachabilityModel } from './openTraffic';
import { PortRange, covers, describeRange } from './ports';

export interface RequiredPort {
  range: PortRange;
  /** What listens there, e.g. `Livy server`. */
  service: string;
}

/** `desktop (aws_security_group.workspaces)`. */
export function nodeName(node: NetworkNode): string {
  const where =
    node.shownAs ?? node.prefixListOf ?? node.groups[0] ?? node.address;
  return `${node.label} (${where})`;
}

export interface PathJudgement {
  path: ReachabilityPath;
  findings: RuleFinding[];
  /** Everything open from `from` to `to`, for checks that also bound it. */
  open: PortRange[];
}

/**
 * Judges `from` → `to` on `required`. A closed port is blamed on the side that
 * does not admit it (egress of `from`, ingress of `to`, or both) and the fix
 * names that side.
 */
export function judgePath(
  model: ReachabilityModel,
  from: NetworkNode,
  to: NetworkNode,
  required: readonly RequiredPort[],
  fix: { egress: string; ingress: string },
): PathJudgement {
  const open = model.openTraffic(from, to);
  const egress = model.egress(from, to);
  const ingress = model.ingress(to, from);
  const label = (r: RequiredPort) => `${describeRange(r.range)} (${r.service})`;
  const openPorts: string[] = [];
  const closed: string[] = [];
  const blockedByEgress: string[] = [];
  const blockedByIngress: string[] = [];
  for (const r of required) {
    if (covers(open, r.range)) {
      openPorts.push(label(r));
      continue;
    }
    closed.push(label(r));
    if (!covers(egress, r.range)) blockedByEgress.push(label(r));
    if (!covers(ingress, r.range)) blockedByIngress.push(label(r));
  }
  const findings: RuleFinding[] = [];
  const path = `${nodeName(from)} -> ${nodeName(to)}`;
  if (from.groups.length === 0 && !from.prefixListOf) {
    findings.push({
      address: from.address,
      problem: `${path}: the ${from.label} has no security group of this stack, so no path from it can be proven`,
      fix: fix.egress,
    });
  } else {
    if (blockedByEgress.length > 0) {
      findings.push({
        address: from.groups[0] ?? from.address,
        problem: `${path}: the ${
          from.label
        }'s egress does not allow ${blockedByEgress.join(', ')}`,
        fix: fix.egress,
      });
    }
    if (blockedByIngress.length > 0) {
      findings.push({
        address: to.groups[0] ?? to.address,
        problem: `${path}: the ${
          to.label
        }'s ingress does not admit ${blockedByIngress.join(', ')} from the ${
          from.label
        }`,
        fix: fix.ingress,
      });
    }
  }
  return {
    path: { from: nodeName(from), to: nodeName(to), open: openPorts, closed },
    findings,
    open,
  };
}
