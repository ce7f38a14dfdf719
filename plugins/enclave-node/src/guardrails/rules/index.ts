/*
 * The exfiltration policy, in order. Adding a rule means adding a file here;
 * the README table, the report and the CLI all read this list.
 */
import type { GuardrailRule } from '../types';
import { g1NoInternetPath } from './g1NoInternetPath';
import { g2SecurityGroups } from './g2SecurityGroups';
import { g3EndpointPolicies } from './g3EndpointPolicies';
import { g4DataBucket } from './g4DataBucket';
import { g5DnsFirewall } from './g5DnsFirewall';
import { g6EmrCluster } from './g6EmrCluster';
import { g7Workspaces } from './g7Workspaces';
import { g8FlowLogs } from './g8FlowLogs';
import { g9KmsKeys } from './g9KmsKeys';
import { g10Tags } from './g10Tags';
import { g11ClosedWorld } from './g11ClosedWorld';
import { g12SessionLockdown } from './g12SessionLockdown';
import { FUNCTION_CHECKS } from '../reachability';

export const GUARDRAIL_RULES: readonly GuardrailRule[] = [
  g1NoInternetPath,
  g2SecurityGroups,
  g3EndpointPolicies,
  g4DataBucket,
  g5DnsFirewall,
  g6EmrCluster,
  g7Workspaces,
  g8FlowLogs,
  g9KmsKeys,
  g10Tags,
  g11ClosedWorld,
  g12SessionLockdown,
  // The function checks run with the guardrails (same report, same gate).
  ...FUNCTION_CHECKS,
];
